using Billing.Domain.Ledger;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// The two counter invariants. <see cref="Invariant.LifetimeCounters"/>: the state row's lifetime spent, requests and
/// tokens equal the sums over the applied-usage rows. <see cref="Invariant.Rollups"/>: the roll-up rows plus the latest
/// hour (kept in the state row until a later hour closes it) sum to the same lifetime figures. Failures, cache hits and
/// unpriced calls are left out: the state row began counting them after rows already existed, so old ledgers would
/// differ by design.
/// </summary>
internal static class CounterChecks
{
    private sealed record Counter(string Name, Func<UsageCounters, long> Of, bool IsMoney);

    private static readonly Counter[] Counters =
    [
        new("spent", c => c.SpentNanos, true),
        new("requests", c => c.Requests, false),
        new("prompt tokens", c => c.Tokens.Prompt, false),
        new("completion tokens", c => c.Tokens.Completion, false),
        new("cached prompt tokens", c => c.Tokens.CachedPrompt, false),
        new("reasoning tokens", c => c.Tokens.Reasoning, false),
    ];

    public static IEnumerable<Difference> Lifetime(LedgerFigures figures)
    {
        var rows = FigureText.Counted(figures.AppliedRows, "applied usage row");
        foreach (var counter in Counters)
        {
            var (expected, actual) = (counter.Of(figures.Applied), counter.Of(figures.Lifetime));
            if (expected == actual) continue;
            var (e, a) = (Text(counter, expected), Text(counter, actual));
            yield return new Difference(figures.Subject, Invariant.LifetimeCounters, e, a,
                $"lifetime {counter.Name} {Verb(counter)} {a} but the {rows} sum to {e}");
        }
    }

    public static IEnumerable<Difference> Rollups(LedgerFigures figures)
    {
        var rolled = figures.LatestHour is { } hour ? figures.Rolledup + hour.Usage.Total : figures.Rolledup;
        var rows = FigureText.Counted(figures.RollupRows, "roll-up row") + (figures.LatestHour is null ? "" : " and the latest hour");
        foreach (var counter in Counters)
        {
            var (expected, actual) = (counter.Of(figures.Lifetime), counter.Of(rolled));
            if (expected == actual) continue;
            var (e, a) = (Text(counter, expected), Text(counter, actual));
            yield return new Difference(figures.Subject, Invariant.Rollups, e, a,
                $"the {rows} sum to {(counter.IsMoney ? "cost" : counter.Name)} {a} but the lifetime {counter.Name} {Verb(counter)} {e}");
        }
    }

    private static string Text(Counter counter, long value) => counter.IsMoney ? FigureText.Money(value) : FigureText.Count(value);

    private static string Verb(Counter counter) => counter.IsMoney ? "is" : "are";
}
