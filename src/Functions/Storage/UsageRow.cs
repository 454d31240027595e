using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// The applied-event marker in a subject's partition (RowKey <c>u|&lt;event id&gt;</c>). Inserting it in the same
/// transaction as the state update is what makes the ledger exactly-once: a 409 means the event was applied.
/// Holds no prompt or completion text. <c>PriceSource</c> says where the cost came from (<see cref="PriceSources"/>).
/// </summary>
internal static class UsageRow
{
    public const string Prefix = "u|";

    public static string RowKey(UsageEventId id) => Prefix + TableKeys.Encode(id.Value);

    public static TableEntity Create(SubjectId subject, UsageEvent usage) => new(SubjectRow.PartitionKey(subject), RowKey(usage.Id))
    {
        ["EventId"] = usage.Id.Value,
        ["At"] = usage.OccurredAtEpochSeconds,
        ["Status"] = usage.Status.ToString(),
        ["Model"] = usage.Model,
        ["Provider"] = usage.Provider,
        ["CostNanos"] = MoneyUnits.ToNanos(usage.BilledCost),
        ["ReportedCostNanos"] = MoneyUnits.ToNanos(usage.Cost),
        ["CacheHit"] = usage.CacheHit,
        ["Prompt"] = usage.Tokens.Prompt,
        ["Completion"] = usage.Tokens.Completion,
        ["Cached"] = usage.Tokens.CachedPrompt,
        ["Reasoning"] = usage.Tokens.Reasoning,
        ["PriceSource"] = PriceSources.Name(usage.PriceSource),
    };

    /// <summary>The columns reconciliation reads: enough for the lifetime counters it can rebuild and for Lago billability.</summary>
    public static readonly string[] FigureColumns = ["EventId", "Status", "CostNanos", "Prompt", "Completion", "Cached", "Reasoning"];

    /// <summary>The row's spent, one request and its tokens (failures, cache hits and unpriced calls are not rebuilt from rows).</summary>
    public static UsageCounters Counters(TableEntity row) => new(
        row.GetInt64("CostNanos") ?? 0,
        1,
        new TokenCounts(row.GetInt64("Prompt") ?? 0, row.GetInt64("Completion") ?? 0, row.GetInt64("Cached") ?? 0, row.GetInt64("Reasoning") ?? 0),
        0,
        0);

    public static string EventId(TableEntity row) => row.GetString("EventId") ?? row.RowKey[Prefix.Length..];

    /// <summary>Whether the call succeeded (a failure is never billable in Lago). Stored as the enum's name since the first row.</summary>
    public static bool Succeeded(TableEntity row) => row.GetString("Status") == nameof(UsageStatus.Success);
}
