using Billing.Domain.Prices;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Prices;

/// <summary>
/// The price book as this instance sees it: an immutable snapshot of the <c>prices</c> table, read again when it is
/// older than <see cref="PriceOptions.RefreshInterval"/> (by the injected clock) and at once after a price is set here.
/// One read at a time; callers that arrive while it runs get its result.
/// </summary>
public sealed class PriceBookCache(PriceStore store, IOptions<PriceOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _current;

    public ValueTask<PriceBook> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        return current is not null && IsFresh(current) ? ValueTask.FromResult(current.Book) : new(ReadAsync(force: false, cancellationToken));
    }

    /// <summary>Reads the table now, so a price just written applies to the next event and check.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => ReadAsync(force: true, cancellationToken);

    private async Task<PriceBook> ReadAsync(bool force, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            var current = _current;
            if (!force && current is not null && IsFresh(current)) return current.Book;
            var readAt = time.GetUtcNow();
            var prices = await store.ListAsync(cancellationToken);
            var book = new PriceBook(prices.Select(p => KeyValuePair.Create(p.Model, p.Price)));
            Volatile.Write(ref _current, new Snapshot(book, readAt));
            return book;
        }
        finally
        {
            _reading.Release();
        }
    }

    private bool IsFresh(Snapshot snapshot) => time.GetUtcNow() - snapshot.ReadAt < options.Value.RefreshInterval;

    private sealed record Snapshot(PriceBook Book, DateTimeOffset ReadAt);
}
