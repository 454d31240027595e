using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// What the Lago push did with outbox events, in the subject's partition (RowKey <c>l|&lt;ticks&gt;|&lt;random&gt;</c>,
/// ordered by when Lago confirmed them): each event's id, cost and outcome (pushed, already in Lago, or parked with
/// Lago's reason). It is written in the same transaction that deletes the outbox rows, so every applied billable event
/// is either in the outbox or here. The wallet pull reads the rows confirmed after Lago's last balance refresh: that
/// spend is not in Lago's figure yet.
/// </summary>
internal static class LagoRecordRow
{
    public const string Prefix = "l|";
    private const string End = "l}";
    private const int MaxReasonChars = 300;

    public static string RowKey(DateTimeOffset confirmedAt) => $"{Prefix}{confirmedAt.UtcTicks:D19}|{Guid.NewGuid():N}";

    /// <summary>Records confirmed at or after <paramref name="from"/> (all when null).</summary>
    public static string Filter(string partition, DateTimeOffset? from) => from is { } f
        ? TableKeys.Range(partition, $"{Prefix}{f.UtcTicks:D19}", End)
        : TableKeys.Prefixed(partition, Prefix);

    public static TableEntity Create(SubjectId subject, IReadOnlyList<LagoEventOutcome> outcomes, DateTimeOffset confirmedAt)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(subject), RowKey(confirmedAt))
        {
            ["Subject"] = subject.ToString(),
            ["ConfirmedAt"] = confirmedAt,
            ["Count"] = outcomes.Count,
            ["InLagoNanos"] = outcomes.Where(o => o.Outcome.InLago()).Sum(o => o.Event.CostNanos),
        };
        var json = JsonSerializer.Serialize(outcomes.Select(o => new StoredLagoOutcome
        {
            Id = o.Event.EventId.Value,
            Cost = o.Event.CostNanos,
            Outcome = LagoOutcomes.Name(o.Outcome),
            Reason = o.Reason is { Length: > MaxReasonChars } r ? r[..MaxReasonChars] : o.Reason,
        }).ToList(), OutboxJsonContext.Default.ListStoredLagoOutcome);
        JsonChunks.Write(row, json);
        return row;
    }

    public static IReadOnlyList<StoredLagoOutcome> Read(TableEntity row)
    {
        var json = JsonChunks.Read(row);
        return JsonSerializer.Deserialize(json, OutboxJsonContext.Default.ListStoredLagoOutcome) ?? [];
    }
}

internal sealed class StoredLagoOutcome
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("n")] public long Cost { get; set; }
    [JsonPropertyName("o")] public string Outcome { get; set; } = "";
    [JsonPropertyName("why")] public string? Reason { get; set; }
}
