using System.Text;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Usage;
using Billing.Tests.Domain;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

/// <summary>A full LiteLLM flush (512 events) packs into a few messages that each fit the queue.</summary>
public sealed class UsageMessageCodecPackingTests
{
    private const string KeyHash = "093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c";

    /// <summary>512 events shaped like the samples: five subjects, long ids, mixed models, some failures and cache hits.</summary>
    private static List<UsageEvent> RealisticFlush()
    {
        var start = new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, 512).Select(i =>
        {
            var builder = new UsageEventBuilder()
                .WithId($"chatcmpl-{Guid.NewGuid()}_cache_hit1795169885.{i:D3}")
                .At(start.AddSeconds(i * 7))
                .WithModel(i % 3 == 0 ? "Claude Sonnet (EU, Zürich cost-centre) — v2 🚀" : "gpt-4o-mini", i % 3 == 0 ? "bedrock" : "openai")
                .WithTokens(845 + i, 212, i % 5 * 100, i % 7 * 10)
                .WithCost(0.00025395m + i * 0.000000001m)
                .For(
                    new SubjectId(SubjectKind.Key, KeyHash),
                    new SubjectId(SubjectKind.User, $"user-{i % 17}@acme.example"),
                    new SubjectId(SubjectKind.Team, "team-acme-support"),
                    new SubjectId(SubjectKind.Org, "org-acme"),
                    new SubjectId(SubjectKind.EndUser, $"acme-customer-{90000 + i}"));
            if (i % 11 == 0) builder.Failed();
            if (i % 13 == 0) builder.CacheHit();
            return builder.Build();
        })];
    }

    [Theory]
    [InlineData(48 * 1024)]
    [InlineData(192 * 1024)]
    public void Every_message_fits_the_limit(int maxMessageBytes)
    {
        var messages = UsageMessageCodec.Pack(RealisticFlush(), maxMessageBytes);

        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(m), 1, maxMessageBytes));
    }

    [Theory]
    [InlineData(48 * 1024)]
    [InlineData(192 * 1024)]
    public void Every_message_is_ascii(int maxMessageBytes)
    {
        var messages = UsageMessageCodec.Pack(RealisticFlush(), maxMessageBytes);

        Assert.All(messages, m => Assert.True(Ascii.IsValid(m)));
    }

    [Theory]
    [InlineData(48 * 1024, 4, 5)]
    [InlineData(192 * 1024, 1, 2)]
    public void A_full_flush_needs_only_a_handful_of_messages(int maxMessageBytes, int atLeast, int atMost)
    {
        var messages = UsageMessageCodec.Pack(RealisticFlush(), maxMessageBytes);

        Assert.InRange(messages.Count, atLeast, atMost);
    }

    [Theory]
    [InlineData(48 * 1024)]
    [InlineData(192 * 1024)]
    public void A_message_is_only_closed_when_the_next_event_would_not_fit(int maxMessageBytes)
    {
        var events = RealisticFlush();
        var messages = UsageMessageCodec.Pack(events, maxMessageBytes);
        var largestEvent = events.Max(e => UsageMessageCodec.Pack([e], maxMessageBytes)[0].Length - "{\"v\":1,\"events\":[]}".Length);

        Assert.All(messages[..^1], m => Assert.True(m.Length + 1 + largestEvent > maxMessageBytes, $"{m.Length} bytes left room for another event"));
    }

    [Theory]
    [InlineData(48 * 1024)]
    [InlineData(192 * 1024)]
    public void Unpacking_all_messages_gives_back_all_events_in_order(int maxMessageBytes)
    {
        var events = RealisticFlush();

        var back = UsageMessageCodec.Pack(events, maxMessageBytes).SelectMany(m => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(m))).ToList();

        Assert.Equal(events.Count, back.Count);
        Assert.All(events.Zip(back), pair => UsageMessageCodecRoundTripTests.AssertSameEvent(pair.First, pair.Second));
    }
}
