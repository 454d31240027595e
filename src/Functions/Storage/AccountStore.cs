using Azure;
using Billing.Domain.Accounts;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Functions.Budgets;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

/// <summary>
/// Account writes: a new configuration or a window reset, each one transaction on the subject's state row with
/// If-Match, together with the alert markers the change causes (a lowered limit alerts at once). A new or redefined
/// window counts the usage already in its current period, summed from the hourly roll-ups. Before committing, the
/// account's row in the <see cref="AccountIndex"/> is written (so every account is listed) and its next rollover job
/// is put in the <see cref="DueIndex"/>.
/// </summary>
public sealed class AccountStore(
    BillingTables tables, SubjectStore store, SubjectStateCache cache, PostingRows rows, DueIndex due, AccountIndex index, IOptions<BudgetRolloverOptions> rollover)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Saves <paramref name="account"/>. With <paramref name="ifMatch"/> (an account ETag, or <c>*</c> for "exists") a
    /// change made since is a <see cref="AccountWrite.PreconditionFailed"/>.
    /// </summary>
    public async Task<AccountWrite> SaveAsync(Account account, string? ifMatch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var conflicted = false;
        var indexed = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await store.ReadAsync(account.Subject, cancellationToken);
            if (ifMatch is not null && !Matches(state, ifMatch))
            {
                // Another write won the race after this one was indexed: the index shows the account as committed.
                if (indexed) await index.RestoreAsync(account.Subject, state.Account, cancellationToken);
                return AccountWrite.PreconditionFailed(state);
            }
            if (!indexed)
            {
                await index.PutAsync(account, cancellationToken);
                indexed = true;
            }
            var ledger = state.Ledger ?? SubjectLedger.Empty;
            var pastHours = account.Budgets.Count == 0 ? [] : await PastHoursAsync(account, ledger, now, cancellationToken);
            var posting = ledger.Reconfigure(account.Subject, account, now, pastHours);
            var saved = await TryCommitAsync(state, account, posting, now, conflicted, cancellationToken);
            if (saved is not null) return AccountWrite.Saved(saved);
            conflicted = true;
        }
        throw new LedgerContentionException(account.Subject, MaxAttempts);
    }

    /// <summary>Starts window <paramref name="window"/> afresh at <paramref name="now"/>; null when the subject has no such window.</summary>
    /// <summary>
    /// Resets <paramref name="window"/>; null when there is no such account or window. With <paramref name="ifMatch"/>
    /// the reset is refused (not saved) unless the account is still that version, checked against the very state the
    /// transaction is conditioned on.
    /// </summary>
    public async Task<AccountWrite?> ResetAsync(SubjectId subject, string window, string? ifMatch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var conflicted = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            if (state.Account is not { } account) return null;
            if (ifMatch is not null && !Matches(state, ifMatch)) return AccountWrite.PreconditionFailed(state);
            if ((state.Ledger ?? SubjectLedger.Empty).Reset(subject, account, window, now) is not { } posting) return null;
            var saved = await TryCommitAsync(state, account, posting, now, conflicted, cancellationToken);
            if (saved is not null) return AccountWrite.Saved(saved);
            conflicted = true;
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    private async Task<SubjectState?> TryCommitAsync(SubjectState state, Account account, LedgerPosting posting, DateTimeOffset now, bool afterConflict, CancellationToken cancellationToken)
    {
        var version = state.AccountVersion + 1;
        var row = SubjectRow.AccountAndLedger(account, version, state.Ledger is null && posting.Ledger.Windows.Count == 0 ? null : posting.Ledger);
        var transaction = await SubjectTransaction.PlanAsync(rows, account.Subject, state.ETag, row, posting.Entries, afterConflict, cancellationToken);
        if (DueIndex.Earliest(posting.Ledger.NextDue(account.Subject, account, now, rollover.Value.Grace), state.Book.NextExpiry) is { } next)
            await due.PutAsync(DueIndex.Rollover, next, SubjectRow.PartitionKey(account.Subject), RolloverJob(account.Subject), cancellationToken);
        try
        {
            var etag = await transaction.SubmitAsync(tables, rows, cancellationToken);
            cache.Invalidate(account.Subject);
            return new SubjectState(account.Subject, etag, account, version, state.Ledger is null && posting.Ledger.Windows.Count == 0 ? null : posting.Ledger);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            // The ingest (or another admin) changed the row since we read it: read again and redo the change.
            return null;
        }
    }

    public static IReadOnlyDictionary<string, object> RolloverJob(SubjectId subject) => new Dictionary<string, object> { ["Subject"] = subject.ToString() };

    /// <summary>The roll-up rows since the earliest current period among the windows, which new windows count from.</summary>
    private async Task<IReadOnlyList<HourBucket>> PastHoursAsync(Account account, SubjectLedger ledger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = account.Budgets.Min(w => new WindowContext(account.Subject, w, account.TimeZone, account.Currency.Code).PeriodAt(now).Start);
        var changed = account.Budgets.Any(w => ledger.Window(w.Name)?.Definition != w.Definition(account.TimeZone.Id));
        return changed ? await RollupRow.ReadRangeAsync(tables.Ledger, account.Subject, from, now.AddHours(1), cancellationToken) : [];
    }

    private static bool Matches(SubjectState state, string ifMatch) =>
        ifMatch.Trim() == "*" ? state.Account is not null : ifMatch.Split(',').Any(tag => tag.Trim() == state.AccountETag);
}
