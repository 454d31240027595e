using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// The one row per subject (RowKey <c>state</c>) that the check reads: the account columns (<see cref="AccountColumns"/>)
/// and the ledger columns: lifetime counters, the latest hour's roll-up (<c>Hour</c>), one column per budget window
/// (<c>W0</c>…) and the ring of recent events (<see cref="RecentColumn"/>). It is read and mapped here only, into
/// <see cref="SubjectState"/>.
/// </summary>
internal static class SubjectRow
{
    public const string RowKey = "state";
    private const string LifePrefix = "Life";

    public static string PartitionKey(SubjectId subject) => TableKeys.Encode(subject.ToString());

    /// <summary>The subscription Lago terminated (<c>subscription.terminated</c>), while it is the one the subject's usage goes to.</summary>
    public const string TerminatedColumn = "LagoTerminated";

    public static SubjectState Read(SubjectId subject, TableEntity row) =>
        new(subject, row.ETag, AccountColumns.Read(subject, row), AccountColumns.Version(row), ReadLedgerIfAny(row), CreditColumns.Read(row.GetString(CreditColumns.Column)),
            row.GetString(TerminatedColumn) is { Length: > 0 } terminated ? terminated : null, HoldColumns.Read(row));

    /// <summary>The ledger columns; null when only the account was ever written.</summary>
    private static SubjectLedger? ReadLedgerIfAny(TableEntity row)
    {
        if (!row.ContainsKey(LifePrefix + "Requests")) return null;
        var windows = new List<WindowLedger>();
        for (var i = 0; i < Account.MaxWindows; i++)
        {
            if (Storage.LedgerColumns.ReadWindow(row.GetString(WindowColumn(i))) is { } window) windows.Add(window);
        }
        return new SubjectLedger(ReadCounters(row, LifePrefix), Storage.LedgerColumns.ReadHour(row.GetString("Hour")), windows,
            RecentColumn.Read(row.GetString(RecentColumn.Name)));
    }

    /// <summary>
    /// The ledger columns to merge into the state row. Only account writes change the number of windows, so they blank
    /// the unused window columns (<paramref name="blankUnused"/>); the ingest writes just the windows it has.
    /// </summary>
    public static TableEntity LedgerColumns(SubjectId subject, SubjectLedger ledger, bool blankUnused = false)
    {
        var row = new TableEntity(PartitionKey(subject), RowKey) { ["Subject"] = subject.ToString() };
        WriteCounters(row, LifePrefix, ledger.Lifetime);
        row["Hour"] = ledger.Hour is null ? "" : Storage.LedgerColumns.Write(ledger.Hour);
        row[RecentColumn.Name] = RecentColumn.Write(ledger.Recent);
        for (var i = 0; i < (blankUnused ? Account.MaxWindows : ledger.Windows.Count); i++)
            row[WindowColumn(i)] = i < ledger.Windows.Count ? Storage.LedgerColumns.Write(ledger.Windows[i]) : "";
        return row;
    }

    /// <summary>The whole row for an account write: account columns, plus the ledger columns when there is a ledger.</summary>
    public static TableEntity AccountAndLedger(Account account, long version, SubjectLedger? ledger)
    {
        var row = ledger is null ? new TableEntity(PartitionKey(account.Subject), RowKey) { ["Subject"] = account.Subject.ToString() } : LedgerColumns(account.Subject, ledger, blankUnused: true);
        AccountColumns.Write(row, account, version);
        return row;
    }

    /// <summary>The counter columns under <paramref name="prefix"/>; rows written before failures and cache hits were counted read them as zero.</summary>
    public static UsageCounters ReadCounters(TableEntity row, string prefix) => new(
        row.GetInt64(prefix + "Spent") ?? 0,
        row.GetInt64(prefix + "Requests") ?? 0,
        new TokenCounts(
            row.GetInt64(prefix + "Prompt") ?? 0,
            row.GetInt64(prefix + "Completion") ?? 0,
            row.GetInt64(prefix + "Cached") ?? 0,
            row.GetInt64(prefix + "Reasoning") ?? 0),
        row.GetInt64(prefix + "Failures") ?? 0,
        row.GetInt64(prefix + "CacheHits") ?? 0,
        row.GetInt64(prefix + "Unpriced") ?? 0);

    public static void WriteCounters(TableEntity row, string prefix, UsageCounters counters)
    {
        row[prefix + "Spent"] = counters.SpentNanos;
        row[prefix + "Requests"] = counters.Requests;
        row[prefix + "Prompt"] = counters.Tokens.Prompt;
        row[prefix + "Completion"] = counters.Tokens.Completion;
        row[prefix + "Cached"] = counters.Tokens.CachedPrompt;
        row[prefix + "Reasoning"] = counters.Tokens.Reasoning;
        row[prefix + "Failures"] = counters.Failures;
        row[prefix + "CacheHits"] = counters.CacheHits;
        row[prefix + "Unpriced"] = counters.Unpriced;
    }

    private static string WindowColumn(int index) => "W" + index;
}
