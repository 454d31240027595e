using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Accounts;
using Billing.Functions.Problems;
using Billing.Functions.Storage;

namespace Billing.Functions.Reports;

/// <summary>
/// <c>GET /api/accounts/{subject}/events?limit=</c>: the tail, from the ring of recent events that the state row keeps
/// (<see cref="RecentEvents"/>), so one point read whatever the limit. Older events are in the applied-event rows and
/// the roll-ups.
/// </summary>
public sealed class RecentEventsHandler(SubjectStore store)
{
    public const int DefaultLimit = RecentEvents.Capacity;

    public async Task<Validated<RecentEventsResponse>> GetAsync(SubjectId subject, IQueryCollection query, CancellationToken cancellationToken)
    {
        var limit = QueryValues.Count(query, "limit", DefaultLimit, RecentEvents.Capacity);
        if (limit.Problem is not null) return new(null, limit.Problem);
        var state = await store.ReadAsync(subject, cancellationToken);
        if (!state.Exists) return new(null, AccountHandler.Unknown(subject));
        return new(Of(state, limit.Value), null);
    }

    /// <summary>The newest <paramref name="limit"/> events of the ring in a state row already read.</summary>
    internal static RecentEventsResponse Of(SubjectState state, int limit) =>
        new(state.Subject.ToString(), limit, (state.Ledger?.Recent ?? RecentEvents.Empty).Newest(limit).Select(View).ToList());

    private static RecentEventResponse View(RecentEvent e) => new(
        e.Id.Value, e.OccurredAt, e.Model, e.Provider, StatusName(e.Status), MoneyUnits.FromNanos(e.CostNanos), e.CacheHit, AccountView.Tokens(e.Tokens));

    /// <summary>The wire names LiteLLM uses for a call's status.</summary>
    private static string StatusName(UsageStatus status) => status switch
    {
        UsageStatus.Success => "success",
        UsageStatus.Failure => "failure",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };
}
