using System.Globalization;
using Billing.Domain.Accounts;
using Billing.Domain.Alerts;
using Billing.Domain.Ledger;
using Billing.Domain.Statements;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Domain;

/// <summary>
/// Drives one subject's <see cref="SubjectLedger"/> the way the writers do: each change starts from the ledger the
/// last one returned. It keeps every entry posted so far, and the entries of the last change in <see cref="Last"/>.
/// </summary>
public sealed class LedgerRun(Account account)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    public Account Account { get; private set; } = account;
    public SubjectLedger Ledger { get; private set; } = SubjectLedger.Empty;
    public List<PostingEntry> Entries { get; } = [];
    public IReadOnlyList<PostingEntry> Last { get; private set; } = [];

    public IEnumerable<AlertCrossing> Crossings => Entries.OfType<AlertCrossed>().Select(a => a.Crossing);
    public IEnumerable<PeriodStatement> Statements => Entries.OfType<PeriodClosed>().Select(c => c.Statement);
    public IEnumerable<AlertCrossing> LastCrossings => Last.OfType<AlertCrossed>().Select(a => a.Crossing);
    public IEnumerable<PeriodStatement> LastStatements => Last.OfType<PeriodClosed>().Select(c => c.Statement);

    public WindowLedger Window(string name) => Ledger.Window(name) ?? throw new InvalidOperationException($"no window {name}");

    public LedgerRun Apply(params UsageEvent[] events) => Take(Ledger.Apply(Account.Subject, Account, events));

    /// <summary>One event of <paramref name="cost"/> USD for <paramref name="model"/> at <paramref name="isoUtc"/>.</summary>
    public LedgerRun Spend(string isoUtc, decimal cost, string model = "gpt-4o") => Apply(Event(isoUtc, cost, model));

    public LedgerRun Close(string isoUtc) => Close(At(isoUtc));

    public LedgerRun Close(DateTimeOffset now) => Take(Ledger.Close(Account.Subject, Account, now, Grace));

    public DateTimeOffset? NextDue(string isoUtc) => Ledger.NextDue(Account.Subject, Account, At(isoUtc), Grace);

    public LedgerRun Reconfigure(Account account, string isoUtc, params HourBucket[] pastHours)
    {
        Account = account;
        return Take(Ledger.Reconfigure(account.Subject, account, At(isoUtc), pastHours));
    }

    public LedgerRun Reset(string window, string isoUtc) => Reset(window, At(isoUtc));

    public LedgerRun Reset(string window, DateTimeOffset now) =>
        Take(Ledger.Reset(Account.Subject, Account, window, now) ?? throw new InvalidOperationException($"no window {window}"));

    public static UsageEvent Event(string isoUtc, decimal cost, string model = "gpt-4o") =>
        new UsageEventBuilder().At(At(isoUtc)).WithCost(cost).WithModel(model, "openai").Build();

    public static DateTimeOffset At(string isoUtc) =>
        DateTimeOffset.Parse(isoUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private LedgerRun Take(LedgerPosting posting)
    {
        Ledger = posting.Ledger;
        Last = posting.Entries;
        Entries.AddRange(posting.Entries);
        return this;
    }
}
