using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// The Lago outbox in a subject's partition: one row per ledger transaction (RowKey <c>o|&lt;ticks&gt;|&lt;random&gt;</c>)
/// holding the events Lago is to charge this subject for, written in the same transaction as their usage, so the
/// outbox has exactly what the ledger applied. The Lago push deletes a row once Lago has confirmed all of its events
/// (<see cref="LagoRecordRow"/> keeps what happened to them). One row, not one per event: a transaction of 95 events
/// costs one operation more, not 95. The events are JSON split over columns <c>E0</c>, <c>E1</c>… of at most 30K
/// characters (a Table string holds 32K).
/// </summary>
internal static class OutboxRow
{
    public const string Prefix = "o|";

    public static string Filter(string partition) =>
        TableKeys.Prefixed(partition, Prefix);

    public static TableEntity Create(SubjectId subject, IReadOnlyList<OutboxEvent> events, DateTimeOffset now)
    {
        var subscriptions = events.Select(e => e.ExternalSubscriptionId).Distinct().ToList();
        if (subscriptions.Count != 1) throw new ArgumentException("An outbox row holds the events of one subscription.", nameof(events));
        var row = new TableEntity(SubjectRow.PartitionKey(subject), $"{Prefix}{now.UtcTicks:D19}|{Guid.NewGuid():N}")
        {
            ["Subject"] = subject.ToString(),
            ["Subscription"] = subscriptions[0],
            ["Count"] = events.Count,
            ["CostNanos"] = events.Sum(e => e.CostNanos),
        };
        var json = JsonSerializer.Serialize(events.Select(ToStored).ToList(), OutboxJsonContext.Default.ListStoredOutboxEvent);
        JsonChunks.Write(row, json);
        return row;
    }

    public static IReadOnlyList<OutboxEvent> Read(TableEntity row)
    {
        var subscription = row.GetString("Subscription") ?? throw new InvalidDataException($"outbox row {row.RowKey} has no subscription");
        var json = JsonChunks.Read(row);
        var stored = JsonSerializer.Deserialize(json, OutboxJsonContext.Default.ListStoredOutboxEvent)
            ?? throw new InvalidDataException($"outbox row {row.RowKey} has no events");
        return stored.Select(s => new OutboxEvent(new UsageEventId(s.Id), subscription, s.At, s.Cost, s.Model, s.Provider,
            new TokenCounts(s.Prompt, s.Completion, s.Cached, s.Reasoning))).ToList();
    }

    private static StoredOutboxEvent ToStored(OutboxEvent e) => new()
    {
        Id = e.EventId.Value, At = e.OccurredAtEpochSeconds, Cost = e.CostNanos, Model = e.Model, Provider = e.Provider,
        Prompt = e.Tokens.Prompt, Completion = e.Tokens.Completion, Cached = e.Tokens.CachedPrompt, Reasoning = e.Tokens.Reasoning,
    };
}

internal sealed class StoredOutboxEvent
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("t")] public long At { get; set; }
    [JsonPropertyName("n")] public long Cost { get; set; }
    [JsonPropertyName("m")] public string Model { get; set; } = "";
    [JsonPropertyName("p")] public string? Provider { get; set; }
    [JsonPropertyName("pt")] public long Prompt { get; set; }
    [JsonPropertyName("ct")] public long Completion { get; set; }
    [JsonPropertyName("cp")] public long Cached { get; set; }
    [JsonPropertyName("r")] public long Reasoning { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(List<StoredOutboxEvent>))]
[JsonSerializable(typeof(List<StoredLagoOutcome>))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
