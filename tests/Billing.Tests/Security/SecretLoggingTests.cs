using System.Net;
using System.Net.Http.Json;
using System.Text;
using Billing.Tests.Infrastructure;
using Billing.Tests.Lago;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Tests.Security;

/// <summary>
/// A representative run with every log category at Trace, and SMTP and Lago configured with secrets but unreachable:
/// no key, webhook secret or password appears in any log message, structured value, exception or scope.
/// </summary>
public sealed class SecretLoggingTests(AzuriteFixture azurite)
{
    private const string LagoWebhookSecret = "lago-webhook-secret-never-logged";
    private const string LagoApiKey = "lago-api-key-never-logged-000001";
    private const string SmtpPassword = "smtp-password-never-logged-0001";
    private const string Subject = "team:team-acme-support";

    private static readonly string[] Secrets = [.. TestKeys.All, LagoWebhookSecret, LagoApiKey, SmtpPassword];

    [Fact]
    public async Task No_secret_reaches_the_logs_at_trace_level()
    {
        var logs = new TextLogCapture();
        await using var app = new BillingApp(azurite, DateTimeOffset.FromUnixTimeSeconds(1795170227), new()
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Azure"] = "Trace",
            ["Auth:IngestKey"] = $"{TestKeys.Ingest},{TestKeys.IngestRotated}",
            ["Auth:AdminKey"] = $"{TestKeys.Admin},{TestKeys.AdminRotated}",
            ["Lago:ApiUrl"] = "http://127.0.0.1:9",
            ["Lago:ApiKey"] = LagoApiKey,
            ["Lago:WebhookSecret"] = LagoWebhookSecret,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = "9",
            ["Smtp:Security"] = "None",
            ["Smtp:Username"] = "billing",
            ["Smtp:Password"] = SmtpPassword,
            ["Smtp:From"] = "Billing <billing@example.com>",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        var ingest = app.ClientWithKey(TestKeys.IngestRotated);
        var check = app.ClientWithKey(TestKeys.Check);
        var admin = app.ClientWithKey(TestKeys.AdminRotated);

        var account = new { owners = new[] { "ops@acme.example" }, time_zone = "UTC", budgets = new[] { new { name = "monthly", period = "monthly", limit = 0.0001m } } };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(BillingClient.AccountPath(Subject), account)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/api/usage", Json(Samples.Read("06-attribution-team-user-org-enduser.json")))).StatusCode);
        await app.DrainUsageQueueAsync();
        Assert.Equal(HttpStatusCode.OK, (await check.PostAsJsonAsync("/api/check", new { subjects = new { team = "team-acme-support" }, model = "gpt-4o", estimated_cost = 0.01m })).StatusCode);
        using (var guardrail = new HttpRequestMessage(HttpMethod.Post, "/api/litellm/beta/litellm_basic_guardrail_api"))
        {
            guardrail.Headers.Add("x-api-key", TestKeys.CheckRotated);
            guardrail.Content = Json("""{"input_type":"request","litellm_call_id":"call-1","model":"gpt-4o","texts":["hello"],"request_data":{}}""");
            await app.CreateClient().SendAsync(guardrail);
        }
        await admin.GetAsync(BillingClient.AccountPath(Subject));
        await admin.GetAsync("/api/quarantine");
        await admin.PostAsync("/api/timers/BudgetAlerts/run", null); // SMTP refuses the connection
        await admin.PostAsync("/api/timers/LagoPush/run", null); // Lago refuses the connection
        await admin.PostAsync("/api/timers/LagoPull/run", null);
        const string webhook = """{"webhook_type":"wallet.depleted_ongoing_balance","wallet":{"external_customer_id":"acme"}}""";
        await PostLagoAsync(app, webhook, LagoSigner.Hmac(webhook, LagoWebhookSecret));
        await PostLagoAsync(app, webhook, LagoSigner.Hmac(webhook, "not-the-secret"));
        // Wrong classes and wrong places: refused, and still not logged.
        await app.ClientWithKey(TestKeys.Admin).PostAsJsonAsync("/api/check", new { subjects = new { team = "x" } });
        await app.ClientWithKey(TestKeys.Check).GetAsync("/api/prices");
        await app.ClientWithKey(TestKeys.Ingest).GetAsync("/health/ready");

        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Level is LogLevel.Debug or LogLevel.Trace);
        Assert.Contains(entries, e => e.Category.Contains("Alert", StringComparison.Ordinal) || e.Category.Contains("Smtp", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.Contains("Lago", StringComparison.Ordinal));
        var leaks = entries.SelectMany(e => Secrets.Where(s => e.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{s} in [{e.Level}] {e.Category}: {e.Text}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task PostLagoAsync(BillingApp app, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lago/webhooks") { Content = Json(body) };
        request.Headers.Add("X-Lago-Signature", signature);
        request.Headers.Add("X-Lago-Signature-Algorithm", "hmac");
        request.Headers.Add("X-Lago-Unique-Key", Guid.NewGuid().ToString("N"));
        await app.CreateClient().SendAsync(request);
    }
}
