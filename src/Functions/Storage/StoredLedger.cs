using System.Text.Json.Serialization;

namespace Billing.Functions.Storage;

/// <summary>
/// The JSON shapes of the state row's structured columns (<c>Hour</c>, <c>W0</c>…, <c>Budgets</c>, <c>Recent</c>) and of roll-up,
/// alert and statement rows. Short names keep the hot state row small; amounts are integer nanos or exact decimals.
/// </summary>
internal sealed class StoredUsage
{
    /// <summary>Spent nanos, requests, prompt, completion, cached prompt and reasoning tokens, then failures and cache hits (left out while both are zero).</summary>
    [JsonPropertyName("t")] public long[] Total { get; set; } = [];
    [JsonPropertyName("m")] public List<StoredModel> Models { get; set; } = [];
}

internal sealed class StoredModel
{
    [JsonPropertyName("m")] public string Model { get; set; } = "";
    [JsonPropertyName("p")] public string? Provider { get; set; }
    [JsonPropertyName("c")] public long[] Counters { get; set; } = [];
}

internal sealed class StoredHour
{
    [JsonPropertyName("s")] public DateTimeOffset Start { get; set; }
    [JsonPropertyName("u")] public StoredUsage Usage { get; set; } = new();
}

internal sealed class StoredSpan
{
    [JsonPropertyName("s")] public DateTimeOffset Start { get; set; }
    [JsonPropertyName("e")] public DateTimeOffset? End { get; set; }
    [JsonPropertyName("f")] public DateTimeOffset CountFrom { get; set; }
    [JsonPropertyName("u")] public StoredUsage Usage { get; set; } = new();
    [JsonPropertyName("x")] public List<string> Crossed { get; set; } = [];
    [JsonPropertyName("st")] public bool Stated { get; set; }
}

internal sealed class StoredWindow
{
    [JsonPropertyName("n")] public string Name { get; set; } = "";
    [JsonPropertyName("d")] public string Definition { get; set; } = "";
    [JsonPropertyName("c")] public StoredSpan? Current { get; set; }
    [JsonPropertyName("p")] public StoredSpan? Previous { get; set; }
}

internal sealed class StoredBudget
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("period")] public string Period { get; set; } = "";
    [JsonPropertyName("anchor")] public DateTimeOffset? Anchor { get; set; }
    [JsonPropertyName("metric")] public string Metric { get; set; } = "";
    [JsonPropertyName("limit")] public decimal Limit { get; set; }
    [JsonPropertyName("mode")] public string Mode { get; set; } = "";
    /// <summary>Fractions as <c>{"f":0.8}</c>, amounts as <c>{"a":150}</c>.</summary>
    [JsonPropertyName("thresholds")] public List<StoredThreshold> Thresholds { get; set; } = [];
    [JsonPropertyName("models")] public List<string>? Models { get; set; }
}

internal sealed class StoredThreshold
{
    [JsonPropertyName("f")] public decimal? Fraction { get; set; }
    [JsonPropertyName("a")] public decimal? Amount { get; set; }
}

/// <summary>One entry of the ring of recent events (<c>Recent</c>): flags and the provider are left out when false or null.</summary>
internal sealed class StoredRecentEvent
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("a")] public long At { get; set; }
    [JsonPropertyName("m")] public string Model { get; set; } = "";
    [JsonPropertyName("p")] public string? Provider { get; set; }
    [JsonPropertyName("c")] public long CostNanos { get; set; }
    /// <summary>Prompt, completion, cached prompt and reasoning tokens.</summary>
    [JsonPropertyName("t")] public long[] Tokens { get; set; } = [];
    [JsonPropertyName("f")] public bool? Failed { get; set; }
    [JsonPropertyName("h")] public bool? CacheHit { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredHour))]
[JsonSerializable(typeof(StoredWindow))]
[JsonSerializable(typeof(StoredUsage))]
[JsonSerializable(typeof(List<StoredBudget>))]
[JsonSerializable(typeof(List<StoredModel>))]
[JsonSerializable(typeof(StoredRecentEvent))]
[JsonSerializable(typeof(List<StoredRecentEvent>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
