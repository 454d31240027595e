using Azure.Data.Tables;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>Counters of a past period (RowKey <c>h|day|2026-11-22</c>), kept so owners can see history.</summary>
internal static class HistoryRow
{
    public static string RowKey(BudgetPeriod period, DateTimeOffset start) =>
        $"h|{period.ToString().ToLowerInvariant()}|{start.UtcDateTime:yyyy-MM-dd}";

    public static TableEntity Create(SubjectId subject, PeriodUsage usage)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(subject), RowKey(usage.Period, usage.Start))
        {
            ["Subject"] = subject.ToString(),
            ["Period"] = usage.Period.ToString(),
            ["Start"] = usage.Start,
        };
        SubjectRow.WriteCounters(row, "", usage.Counters);
        return row;
    }
}
