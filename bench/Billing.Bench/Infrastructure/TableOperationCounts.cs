namespace Billing.Bench.Infrastructure;

/// <summary>
/// A snapshot of <see cref="TableOperationCounter"/>. <see cref="EntityOperations"/> counts every point read, query,
/// insert, update and delete, each sub-request of a transaction separately; <see cref="Requests"/> counts HTTP calls.
/// <see cref="PreconditionFailed"/> counts single-entity calls answered 412 (a rejected transaction is in
/// <see cref="FailedTransactions"/>).
/// </summary>
public readonly record struct TableOperationCounts(
    long Requests, long PointReads, long Queries, long Inserts, long Updates, long Deletes,
    long Transactions, long FailedTransactions, long Other, long PreconditionFailed = 0)
{
    public long EntityOperations => PointReads + Queries + Inserts + Updates + Deletes;

    public static TableOperationCounts operator -(TableOperationCounts a, TableOperationCounts b) => new(
        a.Requests - b.Requests, a.PointReads - b.PointReads, a.Queries - b.Queries, a.Inserts - b.Inserts,
        a.Updates - b.Updates, a.Deletes - b.Deletes, a.Transactions - b.Transactions,
        a.FailedTransactions - b.FailedTransactions, a.Other - b.Other, a.PreconditionFailed - b.PreconditionFailed);

    public override string ToString() =>
        $"{Requests} requests: {PointReads} point reads, {Queries} queries, {Inserts} inserts, {Updates} updates, "
        + $"{Deletes} deletes; {Transactions} transactions ({FailedTransactions} rejected)"
        + (PreconditionFailed > 0 ? $"; {PreconditionFailed} single-entity 412s" : "");
}
