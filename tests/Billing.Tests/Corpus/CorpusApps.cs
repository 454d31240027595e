using System.Net;
using System.Net.Http.Json;
using Billing.Functions.Storage;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;
using Billing.Tests.Lago;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Corpus;

/// <summary>
/// The apps the corpus runs against, each on its own tables and seeded once: standalone (an account, a price, a
/// credit grant), in custom-handler mode, and standalone on a real loopback Kestrel (for what TestServer cannot show,
/// such as a stalled body). Started on first use, stopped at the end.
/// </summary>
public sealed class CorpusApps(AzuriteFixture azurite) : IAsyncDisposable
{
    public const string Team = "team:acme";

    /// <summary>The corpus app's webhook cap: 16 MiB, so a 10 MB string reaches the field checks and a 17 MB batch does not.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Webhook:MaxBodyBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Lago:WebhookSecret"] = LagoSigner.DefaultHmacKey,
        ["Dashboard:SigningKey"] = TestKeys.DashboardSigning,
    };

    private BillingApp? _standalone;
    private BillingApp? _customHandler;
    private BillingApp? _kestrel;

    public async Task<BillingApp> StandaloneAsync() => _standalone ??= await SeededAsync(new BillingApp(azurite, AppTestNow, Settings));

    public async Task<BillingApp> CustomHandlerAsync() => _customHandler ??= await SeededAsync(CustomHandlerHost.Start(azurite, Settings));

    public async Task<(BillingApp App, Uri Url)> KestrelAsync()
    {
        if (_kestrel is null)
        {
            var app = new BillingApp(azurite, AppTestNow, Settings);
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            _kestrel = await SeededAsync(app);
        }
        return (_kestrel, new Uri(_kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    public static readonly DateTimeOffset AppTestNow = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static async Task<BillingApp> SeededAsync(BillingApp app)
    {
        var admin = app.ClientWithKey(TestKeys.Admin);
        await (await new BillingClient(app).PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "daily", period = "daily", limit = 10m } } }))
            .AssertJsonAsync(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync("/api/prices/gpt-4o", new { input_per_million = 2.5m, output_per_million = 10m })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/accounts/{Team}/credits", new { grant_id = "g-1", amount = 5m })).EnsureSuccessStatusCode();
        await app.Tables.EnsureCreatedAsync();
        if (app.Services.GetService<Billing.Functions.Usage.StorageUsageQueue>() is { } queue) await queue.EnsureCreatedAsync();
        return app;
    }

    public static Task<TableSnapshot> SnapshotAsync(BillingApp app) =>
        TableSnapshot.TakeAsync(app.Services.GetRequiredService<BillingTables>(), app.Services.GetService<Billing.Functions.Usage.StorageUsageQueue>()?.Queue);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _standalone, _customHandler, _kestrel })
            if (app is not null) await app.DisposeAsync();
    }
}
