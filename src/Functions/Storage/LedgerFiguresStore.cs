using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Billing.Domain.Lago;
using Billing.Domain.Ledger;
using Billing.Domain.Reconciliation;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// Reads what reconciliation compares, and writes nothing: per subject its state row and range queries over its
/// partition's applied-usage (<c>u|</c>, projected), roll-up (<c>r|</c>), credit (<c>c|</c>, with a credit book) and
/// Lago outbox and record rows (<c>o|</c>, <c>l|</c>, for the charged kind with Lago on). Every change to those rows
/// but one goes in a transaction with the state row, so the state row is read again at the end: an unchanged ETag
/// means the rows belong to that version of it; otherwise the subject is read again (the outbox is read before the
/// records, so an event the push moves between them meanwhile is seen at least once), and a subject whose state row
/// changed on every attempt is <see cref="SubjectReadOutcome.Unsettled"/>. A subject is read up to
/// <paramref name="maxRowsPerSubject"/> rows (re-reads included), then <see cref="SubjectReadOutcome.TooLarge"/>, so a
/// page always answers. It never creates a table: a missing table is a ledger without subjects.
/// </summary>
public sealed class LedgerFiguresStore(BillingTables tables, long maxRowsPerSubject = LedgerFiguresStore.DefaultMaxRowsPerSubject)
{
    public const long DefaultMaxRowsPerSubject = 1_000_000;
    private const int MaxAttempts = 3;
    private const int MaxParallelSubjects = 4;
    private static readonly string[] RollupColumns = ["Spent", "Requests", "Prompt", "Completion", "Cached", "Reasoning"];

    /// <summary>One subject as read; null when it has no state row.</summary>
    public async Task<SubjectReading?> ReadAsync(SubjectId subject, ChargeRule? lago, CancellationToken cancellationToken) =>
        await ReadStateAsync(subject, cancellationToken) is { } state ? await FiguresAsync(subject, state, lago, cancellationToken) : null;

    /// <summary>
    /// Up to <paramref name="limit"/> subjects in partition order after <paramref name="after"/> (a partition key): a
    /// query on the state rows' RowKey, which the service answers by scanning the table, one page per
    /// <paramref name="limit"/> subjects. State rows without a subject column (a merge of one column into a subject with no
    /// ledger) are passed over. <see cref="LedgerFiguresPage.After"/> is null on the last page.
    /// </summary>
    public async Task<LedgerFiguresPage> ReadPageAsync(string? after, int limit, ChargeRule? lago, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"RowKey eq {SubjectRow.RowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and RowKey eq {SubjectRow.RowKey}");
        List<TableEntity> page;
        bool more;
        try
        {
            (page, more) = await TablePages.TakeAsync(tables.Ledger.QueryAsync<TableEntity>(filter, TablePages.PageSize(limit), cancellationToken: cancellationToken),
                limit, cancellationToken);
        }
        catch (RequestFailedException e) when (IsMissingTable(e))
        {
            return new LedgerFiguresPage([], null);
        }
        var readings = new SubjectReading?[page.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSubjects, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, page.Count), options, async (i, token) =>
        {
            if (SubjectId.TryParse(page[i].GetString("Subject"), out var subject))
                readings[i] = await FiguresAsync(subject, page[i], lago, token);
        });
        return new LedgerFiguresPage([.. readings.OfType<SubjectReading>()], more ? page[^1].PartitionKey : null);
    }

    private async Task<SubjectReading> FiguresAsync(SubjectId subject, TableEntity state, ChargeRule? lago, CancellationToken cancellationToken)
    {
        var budget = new RowBudget(maxRowsPerSubject);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await ReadRowsAsync(subject, state, lago, budget, cancellationToken) is not { } figures)
                return new SubjectReading(subject, SubjectReadOutcome.TooLarge);
            var again = await ReadStateAsync(subject, cancellationToken);
            if (again is null || again.ETag == state.ETag) return new SubjectReading(subject, SubjectReadOutcome.Read, figures);
            state = again;
        }
        // Written to on every attempt: rows read at different times would show differences that are not there.
        return new SubjectReading(subject, SubjectReadOutcome.Unsettled);
    }

    /// <summary>The figures of the subject's rows; null when they are more than the <paramref name="budget"/> has left.</summary>
    private async Task<LedgerFigures?> ReadRowsAsync(SubjectId subject, TableEntity state, ChargeRule? lago, RowBudget budget, CancellationToken cancellationToken)
    {
        var partition = state.PartitionKey;
        var ledger = SubjectRow.Read(subject, state).Ledger;
        var charged = lago is not null && lago.ChargeBy == subject.Kind;

        var (appliedRows, applied, billable) = (0L, UsageCounters.Zero, new List<string>());
        await foreach (var row in Query(partition, UsageRow.Prefix, UsageRow.FigureColumns, cancellationToken))
        {
            if (!budget.Take()) return null;
            appliedRows++;
            applied += UsageRow.Counters(row);
            if (charged && UsageRow.Succeeded(row)) billable.Add(UsageRow.EventId(row));
        }

        var (rollupRows, rolledup) = (0L, UsageCounters.Zero);
        await foreach (var row in Query(partition, RollupRow.Prefix, RollupColumns, cancellationToken))
        {
            if (!budget.Take()) return null;
            rollupRows++;
            rolledup += SubjectRow.ReadCounters(row, "");
        }

        CreditFigures? credits = null;
        if (state.GetString(CreditColumns.Column) is { Length: > 0 } book)
        {
            var entries = new List<Domain.Credits.CreditEntry>();
            await foreach (var row in Query(partition, CreditEntryRow.Prefix, null, cancellationToken))
            {
                if (!budget.Take()) return null;
                entries.Add(CreditEntryRow.Read(row));
            }
            credits = new CreditFigures(CreditColumns.Read(book), entries);
        }

        OutboxFigures? outbox = null;
        if (charged)
        {
            var (inOutbox, recorded) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            await foreach (var row in Query(partition, OutboxRow.Prefix, null, cancellationToken))
            {
                if (!budget.Take()) return null;
                inOutbox.UnionWith(OutboxRow.Read(row).Select(e => e.EventId.Value));
            }
            await foreach (var row in Query(partition, LagoRecordRow.Prefix, null, cancellationToken))
            {
                if (!budget.Take()) return null;
                recorded.UnionWith(LagoRecordRow.Read(row).Select(o => o.Id));
            }
            outbox = new OutboxFigures(billable, inOutbox, recorded);
        }

        return new LedgerFigures(subject, ledger?.Lifetime ?? UsageCounters.Zero, ledger?.Hour, appliedRows, applied, rollupRows, rolledup, credits, outbox);
    }

    private IAsyncEnumerable<TableEntity> Query(string partition, string prefix, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        tables.Ledger.QueryAsync<TableEntity>(TableKeys.Prefixed(partition, prefix), 1000, select, cancellationToken);

    private async Task<TableEntity?> ReadStateAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        try
        {
            var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException e) when (IsMissingTable(e))
        {
            return null;
        }
    }

    private static bool IsMissingTable(RequestFailedException e) => e.Status == StatusCodes.Status404NotFound && e.ErrorCode == TableErrorCode.TableNotFound;

    /// <summary>Rows one subject may still read; shared by its attempts.</summary>
    private sealed class RowBudget(long max)
    {
        private long _read;

        public bool Take() => ++_read <= max;
    }
}
