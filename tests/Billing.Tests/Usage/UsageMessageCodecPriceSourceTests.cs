using System.Text;
using Billing.Domain.Prices;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

/// <summary>The price source travels as <c>"ps"</c>; LiteLLM's cost, the common case, writes nothing, and old messages read as it.</summary>
public sealed class UsageMessageCodecPriceSourceTests
{
    private const string Event = """{"id":"evt-1","st":"s","t":1795169702,"m":"gpt-4o","p":"openai","tk":[1200,350,0,0],"c":0.0065,"ch":false,"s":["team:acme"]""";

    private static string Message(string extra) => $$"""{"v":1,"events":[{{Event}}{{extra}}}]}""";

    [Theory]
    [InlineData(PriceSource.PriceBook, 0.0065)]
    [InlineData(PriceSource.Unpriced, 0)]
    public void Price_book_and_unpriced_events_round_trip(PriceSource source, double cost)
    {
        var usage = new UsageEventBuilder().WithCost(0m).Build().Repriced((decimal)cost, source);

        var message = Assert.Single(UsageMessageCodec.Pack([usage], 48 * 1024));
        var back = Assert.Single(UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(message)));

        Assert.Contains($"\"ps\":\"{PriceSources.Name(source)}\"", message);
        UsageMessageCodecRoundTripTests.AssertSameEvent(usage, back);
    }

    [Fact]
    public void A_LiteLLM_priced_event_writes_no_price_source()
    {
        var message = Assert.Single(UsageMessageCodec.Pack([new UsageEventBuilder().Build()], 48 * 1024));

        Assert.DoesNotContain("\"ps\"", message);
    }

    [Fact]
    public void A_message_without_a_price_source_reads_as_LiteLLMs_cost()
    {
        var usage = Assert.Single(UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(Message(""))));

        Assert.Equal(PriceSource.LiteLlm, usage.PriceSource);
    }

    [Theory]
    [InlineData(",\"ps\":\"PriceBook\"")]
    [InlineData(",\"ps\":\"\"")]
    [InlineData(",\"ps\":\"unpriced\"")]
    public void An_unknown_price_source_or_an_unpriced_event_with_a_cost_is_poison(string extra)
    {
        Assert.Throws<PoisonMessageException>(() => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(Message(extra))));
    }
}
