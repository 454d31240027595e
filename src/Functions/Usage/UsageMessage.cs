using System.Text.Json.Serialization;

namespace Billing.Functions.Usage;

/// <summary>One queue message: a version and many compact events.</summary>
public sealed class UsageMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")] public int Version { get; set; }

    /// <summary>W3C <c>traceparent</c> of the webhook span that enqueued it, so the ingest continues that trace; optional.</summary>
    [JsonPropertyName("tp")] public string? TraceParent { get; set; }
    [JsonPropertyName("events")] public List<UsageMessageEvent>? Events { get; set; }
}
