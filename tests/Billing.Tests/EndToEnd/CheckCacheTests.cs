using System.Net;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using static Billing.Tests.Infrastructure.UsageEventBuilder;

namespace Billing.Tests.EndToEnd;

/// <summary>The check's bounded-staleness cache: fresh after this instance's ingest, at most one window stale otherwise.</summary>
public sealed class CheckCacheTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ingest_of_the_same_instance_refreshes_the_cached_answer_at_once()
    {
        await using var app = new BillingApp(azurite, Now, new() { ["Check:Cache:Window"] = "00:01:00" });
        var client = await ClientWithTotalWindowAsync(app);
        Assert.Equal(0m, await SpentAsync(client));

        await (await client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await app.DrainUsageQueueAsync();

        Assert.Equal(0.0065m, await SpentAsync(client));
    }

    [Fact]
    public async Task Another_instance_s_ingest_is_seen_within_one_window()
    {
        await using var app = new BillingApp(azurite, Now, new() { ["Check:Cache:Window"] = "00:00:01" });
        var client = await ClientWithTotalWindowAsync(app);
        Assert.Equal(0m, await SpentAsync(client));
        var otherInstance = TestStorage.OtherInstanceWriter(app.Tables, TimeProvider.System);

        await otherInstance.ApplyAsync([new UsageEventBuilder().For(Team("team-acme")).WithCost(0.5m).At(Now).Build()], default);

        Assert.Equal(0m, await SpentAsync(client));
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0.5m, await SpentAsync(client));
    }

    [Fact]
    public async Task Window_of_zero_turns_the_cache_off()
    {
        await using var app = new BillingApp(azurite, Now, new() { ["Check:Cache:Window"] = "00:00:00" });
        var client = await ClientWithTotalWindowAsync(app);
        Assert.Equal(0m, await SpentAsync(client));
        var otherInstance = TestStorage.OtherInstanceWriter(app.Tables, TimeProvider.System);

        await otherInstance.ApplyAsync([new UsageEventBuilder().For(Team("team-acme")).WithCost(0.25m).At(Now).Build()], default);

        Assert.Equal(0.25m, await SpentAsync(client));
    }

    [Fact]
    public async Task Account_change_is_seen_by_the_next_check()
    {
        await using var app = new BillingApp(azurite, Now, new() { ["Check:Cache:Window"] = "00:01:00" });
        var client = new BillingClient(app);
        Assert.True((await CheckAsync(client)).GetProperty("allowed").GetBoolean());

        await (await client.PutAccountAsync("team:team-acme", new { budgets = new[] { new { name = "daily", period = "daily", limit = 0m } } })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False((await CheckAsync(client)).GetProperty("allowed").GetBoolean());
    }

    private static async Task<System.Text.Json.JsonElement> CheckAsync(BillingClient client) =>
        await (await client.CheckAsync(new { subjects = new { team = "team-acme" } })).AssertJsonAsync(HttpStatusCode.OK);

    private static async Task<decimal> SpentAsync(BillingClient client) =>
        (await CheckAsync(client)).GetProperty("subjects")[0].GetProperty("windows")[0].GetProperty("used").GetDecimal();

    /// <summary>An account whose one window counts all spend, so the check reports it.</summary>
    private static async Task<BillingClient> ClientWithTotalWindowAsync(BillingApp app)
    {
        var client = new BillingClient(app);
        await (await client.PutAccountAsync("team:team-acme", new { budgets = new[] { new { name = "total", period = "total", limit = 1000m } } })).AssertJsonAsync(HttpStatusCode.OK);
        return client;
    }
}
