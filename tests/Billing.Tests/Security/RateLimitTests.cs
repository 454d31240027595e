using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Functions.RateLimiting;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Security;

/// <summary>
/// A token bucket per caller. The limiter runs on real time, so each test gives a class a budget of 2 that refills
/// one permit a minute: the third call in a row is over it, with no sleeping.
/// </summary>
public sealed class RateLimitTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Two permits, then one a minute.</summary>
    private static Dictionary<string, string?> Tiny(params string[] classes)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var @class in classes)
        {
            settings[$"RateLimit:{@class}:PermitsPerSecond"] = (1.0 / 60).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            settings[$"RateLimit:{@class}:Burst"] = "2";
        }
        return settings;
    }

    [Fact]
    public async Task Third_check_over_a_budget_of_two_answers_429_with_retry_after_and_a_problem()
    {
        await using var app = new BillingApp(azurite, Now, Tiny("Check"));
        var check = app.ClientWithKey(TestKeys.Check);

        var first = await CheckAsync(check);
        var second = await CheckAsync(check);
        var third = await CheckAsync(check);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertTooManyRequestsAsync(third);
    }

    [Fact]
    public async Task Each_key_has_its_own_bucket()
    {
        await using var app = new BillingApp(azurite, Now, Tiny("Check"));
        var check = app.ClientWithKey(TestKeys.Check);
        for (var i = 0; i < 3; i++) await CheckAsync(check);

        var other = await CheckAsync(app.ClientWithKey(TestKeys.CheckRotated));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_flood_without_a_valid_key_spends_only_its_own_bucket()
    {
        await using var app = new BillingApp(azurite, Now, Tiny("Anonymous", "Check"));
        var wrong = app.ClientWithKey("not-a-key-of-this-service-0001");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) answers.Add((await CheckAsync(wrong)).StatusCode);

        var valid = await CheckAsync(app.ClientWithKey(TestKeys.Check));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        // Keyless routes with their own signatures have their own anonymous buckets: the junk did not spend them.
        using var anonymous = app.CreateClient();
        var webhook = await anonymous.PostAsync("/api/lago/webhooks", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var page = await anonymous.GetAsync("/accounts/team%3Aacme?exp=1&sig=AAAA");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, webhook.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Admin_budget_is_spent_by_admin_calls_only()
    {
        await using var app = new BillingApp(azurite, Now, Tiny("Admin"));
        var admin = app.ClientWithKey(TestKeys.Admin);
        await admin.GetAsync("/api/prices");
        await admin.GetAsync("/api/prices");

        var third = await admin.GetAsync("/api/prices");
        var check = await CheckAsync(app.ClientWithKey(TestKeys.Check));

        await AssertTooManyRequestsAsync(third);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task The_host_poll_and_health_are_never_limited()
    {
        await using var app = new BillingApp(azurite, Now, Tiny("Anonymous", "Admin"));
        var anonymous = app.CreateClient();
        var admin = app.ClientWithKey(TestKeys.Admin);
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            answers.Add((await anonymous.GetAsync("/")).StatusCode);
            answers.Add((await admin.GetAsync("/health/live")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Disabled_limiter_lets_every_call_through()
    {
        var settings = Tiny("Check");
        settings["RateLimit:Enabled"] = "false";
        await using var app = new BillingApp(azurite, Now, settings);
        var check = app.ClientWithKey(TestKeys.Check);
        var answers = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++) answers.Add((await CheckAsync(check)).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Webhook_invocation_spends_the_ingest_keys_budget_and_answers_429_in_res()
    {
        await using var app = CustomHandlerHost.Start(azurite, Tiny("Ingest"));
        var client = app.CreateClient();
        var statuses = new List<int>();
        JsonElement last = default;

        for (var i = 0; i < 3; i++)
        {
            var content = HostPayloads.HttpTrigger(FunctionNames.UsageWebhook, "usage", Samples.Read("01-chat-success.json"), "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);
            var answer = await (await client.InvokeAsync(FunctionNames.UsageWebhook, content)).AssertInvocationResultAsync(HttpStatusCode.OK);
            last = answer.Outputs;
            statuses.Add(answer.Outputs.GetProperty("res").GetProperty("statusCode").GetInt32());
        }

        Assert.Equal([202, 202, 429], statuses);
        var (_, headers, body) = CustomHandlerHost.AssertHttpOutput(last.GetProperty("res"));
        Assert.Equal("application/problem+json", headers["Content-Type"]);
        Assert.True(int.Parse(headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(429, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(0, last.GetProperty("usage").GetArrayLength());
    }

    [Theory]
    [InlineData("RateLimit:Check:Burst", "0", "RateLimit:Check:")]
    [InlineData("RateLimit:Ingest:PermitsPerSecond", "0", "RateLimit:Ingest:")]
    [InlineData("RateLimit:Anonymous:PermitsPerSecond", "-1", "RateLimit:Anonymous:")]
    public void Invalid_budget_fails_start_up_naming_the_setting(string setting, string value, string named)
    {
        var failure = StartupValidation.FailureOf(new() { [setting] = value }, services => services.AddBillingRateLimiting());

        Assert.NotNull(failure);
        Assert.Contains(named, failure, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> CheckAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/check", new { subjects = new { team = "team-rate" }, model = "gpt-4o", estimated_cost = 0.01m });

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"expected 429, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.All(TestKeys.All, key => Assert.DoesNotContain(key, body, StringComparison.Ordinal));
    }
}
