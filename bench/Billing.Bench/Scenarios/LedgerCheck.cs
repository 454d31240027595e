using Azure.Data.Tables;
using Billing.Domain.Ledger;

namespace Billing.Bench.Scenarios;

/// <summary>Compares the state rows' lifetime counters with what was posted: the exactly-once check of a run.</summary>
public static class LedgerCheck
{
    /// <summary>Null when every expected subject's requests and spend match to the nano; otherwise the first differences.</summary>
    public static async Task<string?> DifferencesAsync(TableClient ledger, IReadOnlyDictionary<string, UsageCounters> expected, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (long Requests, long Spent)>();
        await foreach (var row in ledger.QueryAsync<TableEntity>("RowKey eq 'state'", select: ["Subject", "LifeRequests", "LifeSpent"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Subject") is { } subject && expected.ContainsKey(subject))
                found[subject] = (row.GetInt64("LifeRequests") ?? 0, row.GetInt64("LifeSpent") ?? 0);
        }
        var differences = expected
            .Where(e => !found.TryGetValue(e.Key, out var f) || f.Requests != e.Value.Requests || f.Spent != e.Value.SpentNanos)
            .Select(e => found.TryGetValue(e.Key, out var f)
                ? $"{e.Key}: {f.Requests} requests / {f.Spent} nanos, expected {e.Value.Requests} / {e.Value.SpentNanos}"
                : $"{e.Key}: no state row, expected {e.Value.Requests} requests")
            .ToList();
        return differences.Count == 0 ? null : $"{differences.Count} of {expected.Count} subjects differ, e.g. {string.Join("; ", differences.Take(3))}";
    }
}
