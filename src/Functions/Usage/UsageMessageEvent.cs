using System.Text.Json.Serialization;

namespace Billing.Functions.Usage;

/// <summary>The compact wire form of a usage event inside a queue message. Short names keep many events per message.</summary>
public sealed class UsageMessageEvent
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("st")] public string? Status { get; set; }
    [JsonPropertyName("t")] public long At { get; set; }
    [JsonPropertyName("m")] public string? Model { get; set; }
    [JsonPropertyName("p")] public string? Provider { get; set; }
    /// <summary>Prompt, completion, cached prompt and reasoning tokens.</summary>
    [JsonPropertyName("tk")] public long[]? Tokens { get; set; }
    [JsonPropertyName("c")] public decimal Cost { get; set; }
    [JsonPropertyName("ch")] public bool CacheHit { get; set; }
    /// <summary>Subjects as <c>kind:id</c>.</summary>
    [JsonPropertyName("s")] public string[]? Subjects { get; set; }
    /// <summary>The price source's name (<c>price_book</c>, <c>unpriced</c>); absent means <c>litellm</c>, as in older messages.</summary>
    [JsonPropertyName("ps")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PriceSource { get; set; }
    /// <summary>The reservation the event names (<c>billing_reservation_id</c>); absent in older messages.</summary>
    [JsonPropertyName("r")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReservationId { get; set; }
}
