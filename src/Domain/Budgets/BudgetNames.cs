namespace Billing.Domain.Budgets;

/// <summary>The one table of wire names for metrics and modes; messages and storage use it, never <c>ToString()</c>.</summary>
public static class BudgetNames
{
    public static readonly IReadOnlyList<BudgetMetric> Metrics = [BudgetMetric.Cost, BudgetMetric.Tokens, BudgetMetric.Requests];
    public static readonly IReadOnlyList<BudgetMode> Modes = [BudgetMode.Hard, BudgetMode.Soft];

    public static string Name(BudgetMetric metric) => metric switch
    {
        BudgetMetric.Cost => "cost",
        BudgetMetric.Tokens => "tokens",
        BudgetMetric.Requests => "requests",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    public static string Name(BudgetMode mode) => mode switch
    {
        BudgetMode.Hard => "hard",
        BudgetMode.Soft => "soft",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown mode"),
    };

    /// <summary>The unit a metric's amounts are written in: the currency code, <c>tokens</c> or <c>requests</c>.</summary>
    public static string Unit(BudgetMetric metric, string currency) => metric == BudgetMetric.Cost ? currency : Name(metric);

    public static string MetricNames => string.Join(", ", Metrics.Select(Name));

    public static string ModeNames => string.Join(", ", Modes.Select(Name));

    public static bool TryParseMetric(string? name, out BudgetMetric metric) => TryParse(Metrics, Name, name, out metric);

    public static bool TryParseMode(string? name, out BudgetMode mode) => TryParse(Modes, Name, name, out mode);

    private static bool TryParse<T>(IReadOnlyList<T> all, Func<T, string> nameOf, string? name, out T value)
    {
        foreach (var candidate in all)
        {
            if (nameOf(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }
        value = default!;
        return false;
    }
}
