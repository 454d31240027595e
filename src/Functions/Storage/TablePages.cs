namespace Billing.Functions.Storage;

/// <summary>
/// One page of a query for an API that pages by its own key: ask for <c>limit + 1</c> rows and stop there, so the extra
/// row says whether more follow without the service's continuation token.
/// </summary>
internal static class TablePages
{
    /// <summary>The <c>maxPerPage</c> for a query read by <see cref="TakeAsync{T}"/>: one service page when it can be.</summary>
    public static int PageSize(int limit) => Math.Min(limit + 1, 1000);

    public static async Task<(List<T> Rows, bool More)> TakeAsync<T>(IAsyncEnumerable<T> query, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<T>(limit + 1);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > limit) break;
        }
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return (rows, more);
    }
}
