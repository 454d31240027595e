namespace Billing.Domain.Budgets;

/// <summary>The one table of wire names for metrics and modes; messages and storage use it, never <c>ToString()</c>.</summary>
public static class BudgetNames
{
    private static readonly NameTable<BudgetMetric> MetricTable =
        new((BudgetMetric.Cost, "cost"), (BudgetMetric.Tokens, "tokens"), (BudgetMetric.Requests, "requests"));

    private static readonly NameTable<BudgetMode> ModeTable = new((BudgetMode.Hard, "hard"), (BudgetMode.Soft, "soft"));

    public static IReadOnlyList<BudgetMetric> Metrics => MetricTable.Values;
    public static IReadOnlyList<BudgetMode> Modes => ModeTable.Values;

    public static string Name(BudgetMetric metric) => MetricTable.Name(metric);

    public static string Name(BudgetMode mode) => ModeTable.Name(mode);

    /// <summary>The unit a metric's amounts are written in: the currency code, <c>tokens</c> or <c>requests</c>.</summary>
    public static string Unit(BudgetMetric metric, string currency) => metric == BudgetMetric.Cost ? currency : Name(metric);

    public static string MetricNames => MetricTable.Join();

    public static string ModeNames => ModeTable.Join();

    public static bool TryParseMetric(string? name, out BudgetMetric metric) => MetricTable.TryParse(name, out metric);

    public static bool TryParseMode(string? name, out BudgetMode mode) => ModeTable.TryParse(name, out mode);
}
