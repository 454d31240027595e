using Azure.Data.Tables;
using Billing.Domain.Budgets;
using Billing.Domain.Statements;

namespace Billing.Functions.Storage;

/// <summary>
/// A finished period's statement in the subject's partition (RowKey <c>s|&lt;window&gt;|&lt;period start&gt;|&lt;definition hash&gt;</c>):
/// one per window, period and window definition, so a window redefined mid-period states its new period anew.
/// </summary>
internal static class StatementRow
{
    public const string Prefix = "s|";

    public static string RowKey(PeriodStatement statement) =>
        $"{Prefix}{statement.Window}|{statement.PeriodStart.UtcDateTime:yyyyMMddTHHmmssZ}|{DefinitionHash(statement.Definition)}";

    private static string DefinitionHash(string definition) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(definition)).AsSpan(0, 4));

    public static TableEntity Create(PeriodStatement statement)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(statement.Subject), RowKey(statement))
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
