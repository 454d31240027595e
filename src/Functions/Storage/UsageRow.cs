using Azure.Data.Tables;
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
}
