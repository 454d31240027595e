using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// One subject's change as one entity-group transaction: the posting's rows plus the state row, updated with If-Match
/// (or inserted when there is none yet). The service's limits (100 operations, 4 MB, one partition) are guarded here,
/// since Azurite does not enforce them all. 409 and 412 reach the caller, who knows what they mean for its change.
/// </summary>
public sealed class SubjectTransaction
{
    public const int MaxOperations = 100;
    public const long MaxBytes = 4L * 1024 * 1024;

    private SubjectTransaction(SubjectId subject, List<TableTransactionAction> actions, int stateIndex, IReadOnlyList<PostingEntry> entries)
    {
        Subject = subject;
        Actions = actions;
        StateIndex = stateIndex;
        Entries = entries;
    }

    public SubjectId Subject { get; }

    public List<TableTransactionAction> Actions { get; }
    public int StateIndex { get; }
    public IReadOnlyList<PostingEntry> Entries { get; }

    public bool Fits => Actions.Count <= MaxOperations && EstimateBytes(Actions) <= MaxBytes;

    /// <summary>Plans the transaction; <paramref name="afterConflict"/> (a retry after a 409) leaves out records that exist already.</summary>
    public static async Task<SubjectTransaction> PlanAsync(
        PostingRows rows, SubjectId subject, ETag? etag, TableEntity state, IReadOnlyList<PostingEntry> entries, bool afterConflict, CancellationToken cancellationToken)
    {
        var actions = await rows.ActionsAsync(subject, entries, afterConflict, cancellationToken);
        var stateIndex = actions.Count;
        actions.Add(etag is { } known
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, state, known)
            : new TableTransactionAction(TableTransactionActionType.Add, state));
        var partition = SubjectRow.PartitionKey(subject);
        if (actions.Any(a => a.Entity.PartitionKey != partition))
            throw new InvalidOperationException($"A transaction for {subject} must stay in partition {partition}.");
        return new SubjectTransaction(subject, actions, stateIndex, entries);
    }

    /// <summary>Commits, after what must be durable first (<see cref="PostingRows.BeforeCommitAsync"/>); returns the state row's new ETag.</summary>
    public async Task<ETag> SubmitAsync(BillingTables tables, PostingRows rows, CancellationToken cancellationToken)
    {
        if (!Fits) throw new InvalidOperationException($"A transaction of {Actions.Count} operations does not fit the service's limits.");
        await rows.BeforeCommitAsync(Subject, Entries, cancellationToken);
        var response = await tables.Ledger.SubmitTransactionAsync(Actions, cancellationToken);
        return response.Value[StateIndex].Headers.ETag ?? throw new InvalidOperationException("The state row update returned no ETag.");
    }

    /// <summary>A generous estimate of the request size (UTF-16 strings, JSON overhead), checked against the 4 MB cap.</summary>
    private static long EstimateBytes(List<TableTransactionAction> actions) =>
        actions.Sum(a => 512L + a.Entity.PartitionKey.Length * 2L + a.Entity.RowKey.Length * 2L
            + ((TableEntity)a.Entity).Sum(p => 64L + p.Key.Length * 2L + (p.Value is string s ? s.Length * 6L : 32L)));
}
