using Azure.Data.Tables;
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
/// records, so an event the push moves between them meanwhile is seen at least once).
/// </summary>
public sealed class LedgerFiguresStore(BillingTables tables)
{
    private const int MaxAttempts = 3;
    private const int MaxParallelSubjects = 4;
    private static readonly string[] RollupColumns = ["Spent", "Requests", "Prompt", "Completion", "Cached", "Reasoning"];

    /// <summary>One subject's figures; null when it has no state row.</summary>
    public async Task<LedgerFigures?> ReadAsync(SubjectId subject, ChargeRule? lago, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        return await ReadStateAsync(subject, cancellationToken) is { } state ? await FiguresAsync(subject, state, lago, cancellationToken) : null;
    }

    /// <summary>
    /// The figures of up to <paramref name="limit"/> subjects in partition order after <paramref name="after"/> (a
    /// partition key): a query on the state rows' RowKey, which the service answers by scanning the table, one page per
    /// <paramref name="limit"/> subjects. State rows without a subject column (a merge of one column into a subject with no
    /// ledger) are passed over. <see cref="LedgerFiguresPage.After"/> is null on the last page.
    /// </summary>
    public async Task<LedgerFiguresPage> ReadPageAsync(string? after, int limit, ChargeRule? lago, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = after is null
            ? TableClient.CreateQueryFilter($"RowKey eq {SubjectRow.RowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and RowKey eq {SubjectRow.RowKey}");
        var rows = new List<TableEntity>(limit + 1);
        await foreach (var row in tables.Ledger.QueryAsync<TableEntity>(filter, Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > limit) break;
        }
        var page = rows.Take(limit).ToList();
        var figures = new LedgerFigures?[page.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSubjects, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, page.Count), options, async (i, token) =>
        {
            if (SubjectId.TryParse(page[i].GetString("Subject"), out var subject))
                figures[i] = await FiguresAsync(subject, page[i], lago, token);
        });
        return new LedgerFiguresPage([.. figures.OfType<LedgerFigures>()], rows.Count > limit ? page[^1].PartitionKey : null);
    }

    private async Task<LedgerFigures> FiguresAsync(SubjectId subject, TableEntity state, ChargeRule? lago, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var figures = await ReadRowsAsync(subject, state, lago, cancellationToken);
            var again = await ReadStateAsync(subject, cancellationToken);
            // Unchanged, or still changing after the last attempt: compare what was read (a rerun settles the latter).
            if (again is null || again.ETag == state.ETag || attempt == MaxAttempts) return figures;
            state = again;
        }
    }

    private async Task<LedgerFigures> ReadRowsAsync(SubjectId subject, TableEntity state, ChargeRule? lago, CancellationToken cancellationToken)
    {
        var partition = state.PartitionKey;
        var ledger = SubjectRow.Read(subject, state).Ledger;
        var charged = lago is not null && lago.ChargeBy == subject.Kind;

        var (appliedRows, applied, billable) = (0L, UsageCounters.Zero, new List<string>());
        await foreach (var row in Query(partition, UsageRow.Prefix, UsageRow.FigureColumns, cancellationToken))
        {
            appliedRows++;
            applied += UsageRow.Counters(row);
            if (charged && UsageRow.Succeeded(row)) billable.Add(UsageRow.EventId(row));
        }

        var (rollupRows, rolledup) = (0L, UsageCounters.Zero);
        await foreach (var row in Query(partition, RollupRow.Prefix, RollupColumns, cancellationToken))
        {
            rollupRows++;
            rolledup += SubjectRow.ReadCounters(row, "");
        }

        CreditFigures? credits = null;
        if (state.GetString(CreditColumns.Column) is { Length: > 0 } book)
        {
            var entries = new List<Domain.Credits.CreditEntry>();
            await foreach (var row in Query(partition, CreditEntryRow.Prefix, null, cancellationToken)) entries.Add(CreditEntryRow.Read(row));
            credits = new CreditFigures(CreditColumns.Read(book), entries);
        }

        OutboxFigures? outbox = null;
        if (charged)
        {
            var (inOutbox, recorded) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            await foreach (var row in Query(partition, OutboxRow.Prefix, null, cancellationToken)) inOutbox.UnionWith(OutboxRow.Read(row).Select(e => e.EventId.Value));
            await foreach (var row in Query(partition, LagoRecordRow.Prefix, null, cancellationToken)) recorded.UnionWith(LagoRecordRow.Read(row).Select(o => o.Id));
            outbox = new OutboxFigures(billable, inOutbox, recorded);
        }

        return new LedgerFigures(subject, ledger?.Lifetime ?? UsageCounters.Zero, ledger?.Hour, appliedRows, applied, rollupRows, rolledup, credits, outbox);
    }

    private IAsyncEnumerable<TableEntity> Query(string partition, string prefix, IEnumerable<string>? select, CancellationToken cancellationToken) =>
        tables.Ledger.QueryAsync<TableEntity>(TableKeys.Prefixed(partition, prefix), 1000, select, cancellationToken);

    private async Task<TableEntity?> ReadStateAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var response = await tables.Ledger.GetEntityIfExistsAsync<TableEntity>(SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
