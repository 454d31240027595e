using Billing.Functions.Problems;
using Billing.Functions.Reports;
using Billing.Functions.Storage;

namespace Billing.Functions.Quarantine;

/// <summary>
/// <c>GET /api/quarantine?from=&amp;limit=&amp;continuation=</c> (a page of rows, oldest first, without the raw text) and
/// <c>GET /api/quarantine/{id}</c> (one row with its raw text, a point read).
/// </summary>
public sealed class QuarantineHandler(QuarantineStore store, TimeProvider time)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(7);
    private const string FromExpected = "must be an ISO-8601 instant with an offset (2026-03-01T00:00:00Z) or a date (2026-03-01: midnight UTC)";

    public async Task<Validated<QuarantineListResponse>> ListAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var fromText = QueryValues.Text(query, "from");
        if (fromText.Problem is not null) return new(null, fromText.Problem);
        var from = time.GetUtcNow() - DefaultLookBack;
        if (fromText.Value is { } text)
        {
            if (!ReportBound.TryParse(text, out var bound)) return new(null, BillingProblems.Field("from", FromExpected));
            from = bound.Instant ?? new DateTimeOffset(bound.Date.GetValueOrDefault(), TimeOnly.MinValue, TimeSpan.Zero);
        }
        var limit = QueryValues.Count(query, "limit", DefaultLimit, MaxLimit);
        if (limit.Problem is not null) return new(null, limit.Problem);
        var continuation = QueryValues.Text(query, "continuation");
        if (continuation.Problem is not null) return new(null, continuation.Problem);
        QuarantineKey? after = null;
        if (continuation.Value is { } token)
        {
            if (!ContinuationToken.TryRead(token, out var id) || !QuarantineKey.TryParse(id, out var key))
                return new(null, BillingProblems.Field("continuation", "is not a continuation this list returned"));
            after = key;
        }

        var (rows, more) = await store.PageAsync(from, after, limit.Value, cancellationToken);
        var items = rows.Select(QuarantineItemView.Of).ToList();
        return new(new QuarantineListResponse(items, more ? ContinuationToken.Write(items[^1].Id) : null), null);
    }

    public async Task<Validated<QuarantineItemView>> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!QuarantineKey.TryParse(id, out var key)) return new(null, NotFound(id));
        return await store.FindAsync(key, cancellationToken) is { } row ? new(QuarantineItemView.Of(row), null) : new(null, NotFound(id));
    }

    internal static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(string id) => BillingProblems.Field(
        "id", $"'{(id.Length > 80 ? id[..80] + "…" : id)}' is not a quarantined item", StatusCodes.Status404NotFound);
}
