using Billing.Domain.Budgets;
using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// What one subject has used: the latest period seen for each resetting granularity, and lifetime totals.
/// A period the ledger has moved past lives in history; a new period starts at zero without any timer,
/// because <see cref="CurrentUsage"/> compares the stored period with the one the clock gives.
/// </summary>
public sealed record SubjectLedger(PeriodUsage Daily, PeriodUsage Weekly, PeriodUsage Monthly, UsageCounters Lifetime)
{
    public static readonly SubjectLedger Empty = new(
        PeriodUsage.Empty(BudgetPeriod.Daily),
        PeriodUsage.Empty(BudgetPeriod.Weekly),
        PeriodUsage.Empty(BudgetPeriod.Monthly),
        UsageCounters.Zero);

    public PeriodUsage Latest(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Daily => Daily,
        BudgetPeriod.Weekly => Weekly,
        BudgetPeriod.Monthly => Monthly,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "only resetting periods have a latest period"),
    };

    /// <summary>The usage in the period of <paramref name="period"/> that contains <paramref name="now"/>.</summary>
    public UsageCounters CurrentUsage(BudgetPeriod period, DateTimeOffset now)
    {
        if (period == BudgetPeriod.Total) return Lifetime;
        var latest = Latest(period);
        return latest.Start == BudgetCalendar.Containing(period, now).Start ? latest.Counters : UsageCounters.Zero;
    }

    /// <summary>
    /// Applies events (each exactly once: the caller guarantees they were not applied before). Events for a newer
    /// period move the latest counters to history; late events for older periods go straight to history.
    /// </summary>
    public LedgerPosting Apply(IEnumerable<UsageEvent> events)
    {
        var latest = new Dictionary<BudgetPeriod, PeriodUsage>
        {
            [BudgetPeriod.Daily] = Daily,
            [BudgetPeriod.Weekly] = Weekly,
            [BudgetPeriod.Monthly] = Monthly,
        };
        var history = new Dictionary<(BudgetPeriod, DateTimeOffset), UsageCounters>();
        var lifetime = Lifetime;

        foreach (var usage in events.OrderBy(e => e.OccurredAtEpochSeconds))
        {
            var counters = UsageCounters.Of(usage);
            lifetime += counters;
            foreach (var period in BudgetCalendar.Resetting)
            {
                var start = BudgetCalendar.StartOf(period, usage.OccurredAtEpochSeconds);
                var current = latest[period];
                if (start == current.Start)
                {
                    latest[period] = current with { Counters = current.Counters + counters };
                }
                else if (start > current.Start)
                {
                    if (!current.IsEmpty) AddTo(history, current.Period, current.Start, current.Counters);
                    latest[period] = new PeriodUsage(period, start, counters);
                }
                else
                {
                    AddTo(history, period, start, counters);
                }
            }
        }

        var ledger = new SubjectLedger(latest[BudgetPeriod.Daily], latest[BudgetPeriod.Weekly], latest[BudgetPeriod.Monthly], lifetime);
        var increments = history.Select(h => new PeriodUsage(h.Key.Item1, h.Key.Item2, h.Value)).ToList();
        return new LedgerPosting(ledger, increments);
    }

    private static void AddTo(Dictionary<(BudgetPeriod, DateTimeOffset), UsageCounters> history, BudgetPeriod period, DateTimeOffset start, UsageCounters counters)
    {
        var key = (period, start);
        history[key] = history.TryGetValue(key, out var existing) ? existing + counters : counters;
    }
}
