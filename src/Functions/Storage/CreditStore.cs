using Azure;
using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Credits;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// Grants and voids of prepaid credit: the subject's <see cref="CreditBook"/> lives in its state row (column
/// <c>Credits</c>), and each change is one transaction with If-Match on that row plus its credit entries, so the book and
/// its ledger never disagree. Burns happen in the ingest's own transaction, expiries in the rollover's.
/// </summary>
public sealed class CreditStore(BillingTables tables, SubjectStore store, SubjectStateCache cache, PostingRows rows, DueIndex due)
{
    private const int MaxAttempts = 20;

    /// <summary>The account and its credits as stored now; null when the subject has no account.</summary>
    public async Task<(Account Account, CreditBook Book, ETag ETag)?> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var state = await store.ReadAsync(subject, cancellationToken);
        return state is { Account: { } account, ETag: { } etag } ? (account, state.Book, etag) : null;
    }

    /// <summary>Grants credit; null when the subject has no account.</summary>
    public async Task<(GrantOutcome Outcome, CreditBook Book)?> GrantAsync(SubjectId subject, CreditGrant grant, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(subject, cancellationToken) is not { } stored) return null;
            var marker = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), GrantRow.RowKey(grant.Id), cancellationToken: cancellationToken);
            if (marker.HasValue && marker.Value is { } existing)
                return (GrantRow.Read(existing).SameRequestAs(grant) ? GrantOutcome.AlreadyGranted : GrantOutcome.Conflict, stored.Book);
            var (outcome, change) = stored.Book.Add(grant);
            if (outcome != GrantOutcome.Added) return (outcome, stored.Book);
            // The rollover records the expiry; its job is put first, so a committed grant always has one.
            if (grant.ExpiresAt is { } expires) await due.PutAsync(DueIndex.Rollover, expires, SubjectRow.PartitionKey(subject), AccountStore.RolloverJob(subject), cancellationToken);
            if (await TryCommitAsync(subject, stored.ETag, change, cancellationToken, GrantRow.Create(subject, grant))) return (outcome, change.Book);
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    /// <summary>Voids what is left of a grant; null when the subject has no account or no such grant.</summary>
    public async Task<CreditBook?> VoidAsync(SubjectId subject, string grantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(subject, cancellationToken) is not { } stored || stored.Book.Void(grantId, now) is not { } change) return null;
            // A grant with nothing left records no entry, but its voiding must still be stored (the Lago mirror's is what
            // ends its gating).
            if (change.Book.Equals(stored.Book) || await TryCommitAsync(subject, stored.ETag, change, cancellationToken)) return change.Book;
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    /// <summary>
    /// Sets the Lago mirror of an account (<see cref="CreditBook.MirrorLago"/>) to what <paramref name="target"/> computes
    /// after the state is read; the commit is conditional on that state, so usage applied in between (which adds to
    /// the outbox the target counts) makes it read and compute again. Null when the subject has no account; else
    /// whether the mirror changed.
    /// </summary>
    public async Task<bool?> MirrorLagoAsync(SubjectId subject, Func<CancellationToken, Task<long?>> target, DateTimeOffset now, string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadAsync(subject, cancellationToken) is not { } stored) return null;
            var change = stored.Book.MirrorLago(await target(cancellationToken), now, reference);
            if (change.IsEmpty && change.Book.Equals(stored.Book)) return false;
            if (await TryCommitAsync(subject, stored.ETag, change, cancellationToken)) return true;
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    private async Task<bool> TryCommitAsync(SubjectId subject, ETag etag, CreditChange change, CancellationToken cancellationToken, TableEntity? marker = null)
    {
        var state = new TableEntity(SubjectRow.PartitionKey(subject), SubjectRow.RowKey) { [CreditColumns.Column] = CreditColumns.Write(change.Book) };
        var entries = change.Entries.Select(e => (PostingEntry)new CreditRecorded(e)).ToList();
        var transaction = await SubjectTransaction.PlanAsync(rows, subject, etag, state, entries, afterConflict: false, cancellationToken);
        if (marker is not null) transaction.Actions.Add(new TableTransactionAction(TableTransactionActionType.Add, marker));
        try
        {
            await transaction.SubmitAsync(tables, rows, cancellationToken);
            cache.Invalidate(subject);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return false;
        }
    }
}
