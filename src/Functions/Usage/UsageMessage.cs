using System.Text.Json.Serialization;

namespace Billing.Functions.Usage;

/// <summary>One queue message: a version and many compact events.</summary>
public sealed class UsageMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")] public int Version { get; set; }
    [JsonPropertyName("events")] public List<UsageMessageEvent>? Events { get; set; }
}
