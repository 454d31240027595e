using System.Text;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

/// <summary>The reservation a LiteLLM call names: read from its request metadata, carried through the queue.</summary>
public sealed class ReservationIdTests
{
    [Fact]
    public void The_reservation_named_in_requester_metadata_is_read()
    {
        var usage = PayloadBuilder.ChatSuccess().Set("metadata.requester_metadata", """{"billing_reservation_id":"res_abc"}""").Normalize();

        Assert.Equal("res_abc", usage.ReservationId);
        Assert.Equal([usage.Id.Value, "res_abc"], usage.SettlesHolds);
    }

    [Theory]
    [InlineData("""{"billing_reservation_id":42}""")]
    [InlineData("""{"billing_reservation_id":""}""")]
    [InlineData("""{"other":"x"}""")]
    [InlineData("\"not an object\"")]
    public void A_missing_or_unusable_reservation_id_leaves_the_event_unmatched(string requesterMetadata)
    {
        var usage = PayloadBuilder.ChatSuccess().Set("metadata.requester_metadata", requesterMetadata).Normalize();

        Assert.Null(usage.ReservationId);
        Assert.Equal([usage.Id.Value], usage.SettlesHolds);
    }

    [Fact]
    public void The_reservation_id_survives_the_queue_message()
    {
        var usage = new UsageEventBuilder().WithId("call-1").WithCost(0.1m).Build() with { ReservationId = "res_abc" };

        var back = UsageMessageCodec.Pack([usage], 48 * 1024).SelectMany(m => UsageMessageCodec.Unpack(Encoding.UTF8.GetBytes(m))).Single();

        Assert.Equal("res_abc", back.ReservationId);
    }
}
