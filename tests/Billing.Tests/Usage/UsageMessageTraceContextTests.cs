using System.Text;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

/// <summary>A queue message carries the webhook span's W3C trace context, and only a valid one.</summary>
public sealed class UsageMessageTraceContextTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Separators_that_are_not_dashes_are_written_back_as_dashes()
    {
        // Activity's W3C parser checks only the hex digits: a quote in a separator must never reach the JSON.
        var message = UsageMessageCodec.Pack([new UsageEventBuilder().Build()], 4096, "00\"0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").Single();
        var read = UsageMessageCodec.Read(Encoding.UTF8.GetBytes(message));
        Assert.Single(read.Events);
        Assert.True(read.TraceParent is null || read.TraceParent == TraceParent);
    }

    [Fact]
    public void A_valid_traceparent_travels_with_every_message_of_a_pack()
    {
        var events = Enumerable.Range(0, 40).Select(i => new UsageEventBuilder().WithId($"trace-{i}").Build()).ToList();
        var messages = UsageMessageCodec.Pack(events, 2048, TraceParent);
        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.Equal(TraceParent, UsageMessageCodec.Read(Encoding.UTF8.GetBytes(m)).TraceParent));
        Assert.Equal(events.Select(e => e.Id), messages.SelectMany(m => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(m))).Select(e => e.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-trace\",\"events\":[]}")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("|0af7651916cd43dd8448eb211c80319c.b7ad6b7169203331.")]
    public void Anything_but_a_valid_traceparent_is_left_out(string? traceParent)
    {
        var message = UsageMessageCodec.Pack([new UsageEventBuilder().Build()], 4096, traceParent).Single();
        Assert.StartsWith("{\"v\":1,\"events\":[{", message);
        Assert.Null(UsageMessageCodec.Read(Encoding.UTF8.GetBytes(message)).TraceParent);
    }
}
