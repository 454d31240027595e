using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// Maps the one row per subject (RowKey <c>state</c>) that the check reads: the account columns, written by the
/// admin API, and the ledger columns, written by the ingest. Each writer merges only its own columns.
/// </summary>
internal static class SubjectRow
{
    public const string RowKey = "state";

    private static readonly (BudgetPeriod Period, string Prefix)[] Periods =
        [(BudgetPeriod.Daily, "Day"), (BudgetPeriod.Weekly, "Week"), (BudgetPeriod.Monthly, "Month")];

    public static string PartitionKey(SubjectId subject) => TableKeys.Encode(subject.ToString());

    /// <summary>The ledger columns of a state row; null when only the account was ever written.</summary>
    public static SubjectLedger? ReadLedgerIfAny(TableEntity row) => row.ContainsKey("LifeRequests") ? ReadLedger(row) : null;

    public static SubjectLedger ReadLedger(TableEntity row)
    {
        var periods = Periods.Select(p => ReadPeriod(row, p.Period, p.Prefix)).ToArray();
        return new SubjectLedger(periods[0], periods[1], periods[2], ReadCounters(row, "Life"));
    }

    public static TableEntity LedgerColumns(SubjectId subject, SubjectLedger ledger)
    {
        var row = new TableEntity(PartitionKey(subject), RowKey) { ["Subject"] = subject.ToString() };
        foreach (var (period, prefix) in Periods)
        {
            var usage = ledger.Latest(period);
            if (usage.IsEmpty) continue;
            row[prefix + "Start"] = usage.Start;
            WriteCounters(row, prefix, usage.Counters);
        }
        WriteCounters(row, "Life", ledger.Lifetime);
        return row;
    }

    public static Account? ReadAccount(SubjectId subject, TableEntity row)
    {
        if (row.GetBoolean("HasAccount") != true) return null;
        var currency = new Currency(row.GetString("Currency") ?? Currency.Usd.Code);
        var owners = (row.GetString("Owners") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Budget? budget = null;
        if (row.GetBoolean("HasBudget") == true && row.GetInt64("BudgetLimitNanos") is { } limit && Enum.TryParse<BudgetPeriod>(row.GetString("BudgetPeriod"), out var period))
            budget = new Budget(Money.FromNanos(limit, currency), period);
        return new Account(subject, owners, currency, budget);
    }

    public static TableEntity AccountColumns(Account account) => new(PartitionKey(account.Subject), RowKey)
    {
        ["Subject"] = account.Subject.ToString(),
        ["HasAccount"] = true,
        ["Owners"] = string.Join('\n', account.Owners),
        ["Currency"] = account.Currency.Code,
        ["HasBudget"] = account.Budget is not null,
        ["BudgetLimitNanos"] = account.Budget?.Limit.ToNanos() ?? 0L,
        ["BudgetPeriod"] = account.Budget?.Period.ToString() ?? "",
    };

    public static UsageCounters ReadCounters(TableEntity row, string prefix) => new(
        row.GetInt64(prefix + "Spent") ?? 0,
        row.GetInt64(prefix + "Requests") ?? 0,
        new TokenCounts(
            row.GetInt64(prefix + "Prompt") ?? 0,
            row.GetInt64(prefix + "Completion") ?? 0,
            row.GetInt64(prefix + "Cached") ?? 0,
            row.GetInt64(prefix + "Reasoning") ?? 0));

    public static void WriteCounters(TableEntity row, string prefix, UsageCounters counters)
    {
        row[prefix + "Spent"] = counters.SpentNanos;
        row[prefix + "Requests"] = counters.Requests;
        row[prefix + "Prompt"] = counters.Tokens.Prompt;
        row[prefix + "Completion"] = counters.Tokens.Completion;
        row[prefix + "Cached"] = counters.Tokens.CachedPrompt;
        row[prefix + "Reasoning"] = counters.Tokens.Reasoning;
    }

    private static PeriodUsage ReadPeriod(TableEntity row, BudgetPeriod period, string prefix) =>
        row.GetDateTimeOffset(prefix + "Start") is { } start
            ? new PeriodUsage(period, start, ReadCounters(row, prefix))
            : PeriodUsage.Empty(period);
}
