using System.Text;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Usage;
using Billing.Tests.Domain;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

public sealed class UsageMessageCodecRoundTripTests
{
    private const int StorageQueueBytes = 48 * 1024;

    private static readonly SubjectId[] OddSubjects =
    [
        new(SubjectKind.Key, "093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c"),
        new(SubjectKind.User, "Zürich — 🚀 用户 \"quoted\" <tag> & 'apostrophe'"),
        new(SubjectKind.Team, "a/b\\c#d?e%2F~:colon"),
        new(SubjectKind.Org, string.Concat(Enumerable.Repeat("ü🚀/", 125))),
        new(SubjectKind.EndUser, new string('e', 500)),
    ];

    public static TheoryData<string> Events => ["success", "failure", "cache-hit", "extremes", "unicode"];

    private static UsageEvent Build(string name) => name switch
    {
        "success" => new UsageEventBuilder().WithId("chatcmpl-BxQ7mK2pL9vT4wR8sY1zA3cE5gH").WithCost(0.0799998476288m)
            .WithTokens(18250, 4210, 16384, 3584).For(OddSubjects).Build(),
        "failure" => new UsageEventBuilder().Failed().WithCost(0.0065m).WithModel("gpt-4o", null).WithTokens(0, 0).Build(),
        "cache-hit" => new UsageEventBuilder().CacheHit().WithCost(0m).At("2026-12-31T23:59:59Z").Build(),
        "extremes" => new UsageEventBuilder().WithId(new string('i', UsageEventId.MaxLength)).WithCost(9_223_372_036.854775807m)
            .WithTokens(long.MaxValue, long.MaxValue - 1, long.MaxValue - 2, long.MaxValue - 3).At("2199-12-31T23:59:59Z").Build(),
        _ => new UsageEventBuilder().WithId("call-🚀-ü").WithModel("Claude Sonnet (EU, Zürich cost-centre) — v2 🚀", "bedrock")
            .WithCost(0.000000001m).For(OddSubjects[1..]).Build(),
    };

    private static IReadOnlyList<UsageEvent> RoundTrip(IEnumerable<UsageEvent> events, int maxMessageBytes) =>
        [.. UsageMessageCodec.Pack(events, maxMessageBytes).SelectMany(m => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(m)))];

    internal static void AssertSameEvent(UsageEvent expected, UsageEvent actual)
    {
        Assert.Equal(
            (expected.Id, expected.Status, expected.OccurredAtEpochSeconds, expected.Model, expected.Provider, expected.Tokens, expected.Cost, expected.CacheHit, expected.PriceSource),
            (actual.Id, actual.Status, actual.OccurredAtEpochSeconds, actual.Model, actual.Provider, actual.Tokens, actual.Cost, actual.CacheHit, actual.PriceSource));
        Assert.Equal(expected.Subjects, actual.Subjects);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Round_trip_preserves_every_field(string name)
    {
        var usage = Build(name);

        var back = Assert.Single(RoundTrip([usage], StorageQueueBytes));

        AssertSameEvent(usage, back);
    }

    [Fact]
    public void Round_trip_keeps_the_cost_decimal_exact()
    {
        var usage = new UsageEventBuilder().WithCost(0.30000000000000004m).Build();

        var back = Assert.Single(RoundTrip([usage], StorageQueueBytes));

        Assert.Equal("0.30000000000000004", back.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Round_trip_keeps_the_events_in_order()
    {
        var events = Events.Select(row => Build(row.Data)).ToList();

        var back = RoundTrip(events, StorageQueueBytes);

        Assert.Equal(events.Select(e => e.Id), back.Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Packed_message_is_ascii_even_for_unicode_fields(string name)
    {
        var message = Assert.Single(UsageMessageCodec.Pack([Build(name)], StorageQueueBytes));

        Assert.All(message, c => Assert.True(char.IsAscii(c), $"non-ASCII U+{(int)c:X4}"));
    }

    [Fact]
    public void No_events_pack_into_no_messages()
    {
        Assert.Empty(UsageMessageCodec.Pack([], StorageQueueBytes));
    }

    [Fact]
    public void Event_larger_than_a_message_cannot_be_packed()
    {
        var huge = new UsageEventBuilder().WithModel(new string('m', 20_000), "openai").Build();

        Assert.Throws<InvalidOperationException>(() => UsageMessageCodec.Pack([huge], 16 * 1024));
    }
}
