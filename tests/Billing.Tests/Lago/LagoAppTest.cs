using System.Net;
using System.Text.Json;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Lago;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Lago;

/// <summary>
/// An app on its own tables with the Lago sync pointed at a stand-in behind Prism (every request checked against
/// Lago's OpenAPI spec), webhooks signed by a test signer, and the Lago timers run as the host would.
/// </summary>
public abstract class LagoAppTest(AzuriteFixture azurite) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    protected const string ApiKey = "lago-api-key-of-the-tests";
    protected readonly string TablePrefix = TestNames.TablePrefix();
    private readonly List<BillingApp> _apps = [];

    protected AzuriteFixture Azurite => azurite;

    protected LagoStandIn Lago { get; private set; } = null!;
    protected LagoSigner Signer { get; private set; } = null!;
    protected BillingApp App { get; private set; } = null!;
    protected BillingClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Lago = await LagoStandIn.StartAsync(ApiKey);
        Signer = new LagoSigner(Lago.ApiUrl);
        App = StartInstance();
        Client = new BillingClient(App);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await Lago.DisposeAsync();
        Signer.Dispose();
    }

    /// <summary>Another app instance on the same tables and Lago (a second Functions instance, or a restart).</summary>
    protected BillingApp StartInstance()
    {
        var settings = new Dictionary<string, string?>(Signer.Settings)
        {
            ["Storage:TablePrefix"] = TablePrefix,
            ["Lago:ApiKey"] = ApiKey,
            // Prism checks every request against Lago's 877 KB spec; on two busy cores that took over 1 s (a pull failed
            // as "no answer within 1 s" in a loop of full runs). A hang costs the hang tests this much each.
            ["Lago:RequestTimeout"] = "00:00:05",
        };
        var app = new BillingApp(azurite, Now, settings);
        _apps.Add(app);
        return app;
    }

    protected static Task ApplyAsync(BillingApp app, params UsageEvent[] events) =>
        app.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, CancellationToken.None);

    protected Task ApplyAsync(params UsageEvent[] events) => ApplyAsync(App, events);

    protected static UsageEvent Usage(string id, decimal cost, params string[] subjects) =>
        new UsageEventBuilder().WithId(id).WithCost(cost).At(Now.AddMinutes(-5)).WithModel("gpt-4o", "openai").WithTokens(1200, 350)
            .For([.. subjects.Select(s => SubjectId.TryParse(s, out var parsed) ? parsed : throw new ArgumentException(s))]).Build();

    protected static async Task<LagoPushSummary> PushAsync(BillingApp app) =>
        Read<LagoPushSummary>(await app.Services.GetRequiredService<LagoPushHandler>().RunAsync(new TimerRun(app.Time.GetUtcNow(), false), CancellationToken.None));

    protected Task<LagoPushSummary> PushAsync() => PushAsync(App);

    protected static async Task<LagoPullSummary> PullAsync(BillingApp app) =>
        Read<LagoPullSummary>(await app.Services.GetRequiredService<LagoPullHandler>().RunAsync(new TimerRun(app.Time.GetUtcNow(), false), CancellationToken.None));

    protected Task<LagoPullSummary> PullAsync() => PullAsync(App);

    protected async Task PutAccountAsync(string subject, object account) =>
        await (await Client.PutAccountAsync(subject, account)).AssertJsonAsync(HttpStatusCode.OK);

    /// <summary>Posts a webhook signed as Lago signs it; <paramref name="signature"/> overrides the signature header.</summary>
    protected Task<HttpResponseMessage> PostWebhookAsync(string body, string algorithm = "hmac", string? uniqueKey = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lago/webhooks") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Lago-Signature", signature ?? Signer.Sign(body, algorithm));
        request.Headers.Add("X-Lago-Signature-Algorithm", algorithm);
        request.Headers.Add("X-Lago-Unique-Key", uniqueKey ?? Guid.NewGuid().ToString());
        return App.CreateClient().SendAsync(request);
    }

    protected async Task<JsonElement> CheckAsync(string subjectKind, string id, decimal estimatedCost = 0.01m) =>
        await (await Client.CheckAsync(new { subjects = new Dictionary<string, string> { [subjectKind] = id }, estimated_cost = estimatedCost })).AssertJsonAsync(HttpStatusCode.OK);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static T Read<T>(JsonElement element) => JsonSerializer.Deserialize<T>(element.GetRawText(), Json)!;
}
