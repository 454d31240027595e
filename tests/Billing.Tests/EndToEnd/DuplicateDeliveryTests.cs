using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class DuplicateDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_event_posted_three_times_and_drained_by_eight_consumers_sums_exactly()
    {
        await using var app = new BillingApp(azurite, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var client = new BillingClient(app);
        var posts = SampleLedgerTests.Usable.SelectMany(s => Enumerable.Repeat(s, 3)).OrderBy(_ => Random.Shared.Next());

        await Task.WhenAll(posts.Select(async sample =>
            await (await client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted)));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.DrainUsageQueueAsync()));
        await app.DrainUsageQueueAsync();

        var team = await client.AccountAsync("team:team-acme");
        Assert.Equal(0.168660248m, team.GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(14, team.GetProperty("lifetime").GetProperty("requests").GetInt64());
        var key = await client.AccountAsync("key:" + SampleLedgerTests.KeyHash);
        Assert.Equal(0.169168148m, key.GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(16, key.GetProperty("lifetime").GetProperty("requests").GetInt64());
    }
}
