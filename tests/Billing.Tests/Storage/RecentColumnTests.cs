using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Storage;

public sealed class RecentColumnTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_ring_round_trips()
    {
        var ring = RecentEvents.Empty.Add(Enumerable.Range(0, 60).Select(i =>
        {
            var builder = new UsageEventBuilder().At(Noon.AddSeconds(i)).WithCost(0.000000001m * i).WithTokens(i, 2 * i, i / 2, i / 3)
                .WithModel(i % 2 == 0 ? "gpt-4o" : "claude-3", i % 3 == 0 ? null : "openai");
            if (i % 5 == 0) builder.Failed();
            if (i % 7 == 0) builder.CacheHit();
            return builder.Build();
        }));

        var json = RecentColumn.Write(ring);

        Assert.Equal(ring, RecentColumn.Read(json));
        Assert.InRange(json.Length, 1, 9_000);
    }

    [Fact]
    public void Unusually_long_ids_and_models_keep_the_newest_events_that_fit()
    {
        var ring = RecentEvents.Empty.Add(Enumerable.Range(0, 50).Select(i => new UsageEventBuilder().At(Noon.AddSeconds(i))
            .WithId($"{i:00}" + new string('x', UsageEventId.MaxLength - 2)).WithModel(new string('m', 1024), "openai").Build()));

        var json = RecentColumn.Write(ring);
        var read = RecentColumn.Read(json);

        Assert.True(json.Length <= RecentColumn.MaxChars, $"{json.Length} characters");
        Assert.InRange(read.Events.Count, 1, 49);
        Assert.Equal(ring.Events.Take(read.Events.Count), read.Events);
    }

    [Fact]
    public void A_row_without_the_column_has_an_empty_ring()
    {
        Assert.Equal(RecentEvents.Empty, RecentColumn.Read(null));
        Assert.Equal(RecentEvents.Empty, RecentColumn.Read(""));
        Assert.Equal(RecentEvents.Empty, RecentColumn.Read(RecentColumn.Write(RecentEvents.Empty)));
    }
}
