using Azure.Data.Tables;
using Billing.Domain.Budgets;
using Billing.Domain.Statements;

namespace Billing.Functions.Storage;

/// <summary>A finished period's statement in the subject's partition (RowKey <c>s|&lt;window&gt;|&lt;period start&gt;</c>).</summary>
internal static class StatementRow
{
    public const string Prefix = "s|";

    public static string RowKey(string window, DateTimeOffset periodStart) => $"{Prefix}{window}|{periodStart.UtcDateTime:yyyyMMddTHHmmssZ}";

    public static TableEntity Create(PeriodStatement statement)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(statement.Subject), RowKey(statement.Window, statement.PeriodStart))
        {
            ["Subject"] = statement.Subject.ToString(),
            ["Window"] = statement.Window,
            ["Period"] = statement.Period,
            ["Metric"] = BudgetNames.Name(statement.Metric),
            ["Limit"] = statement.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PeriodStart"] = statement.PeriodStart,
            ["PeriodEnd"] = statement.PeriodEnd,
            ["CountFrom"] = statement.CountFrom,
            ["Models"] = LedgerColumns.WriteModels(statement.Usage),
        };
        SubjectRow.WriteCounters(row, "", statement.Usage.Total);
        return row;
    }
}
