namespace Billing.Domain.Budgets;

/// <summary>
/// One budget window of an account: a limit on a metric over a period (calendar in the account's time zone, total,
/// or an ISO-8601 duration from an anchor), hard or soft, with alert thresholds and an optional model filter.
/// </summary>
public sealed record BudgetWindow
{
    public const int MaxNameLength = 64;
    public const int MaxModels = 50;

    public BudgetWindow(string name, WindowPeriod period, BudgetMetric metric, decimal limit, BudgetMode mode,
        IReadOnlyList<AlertThreshold> thresholds, IReadOnlyList<string>? models)
    {
        Guard.That(IsValidName(name), $"must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.'", nameof(name));
        Guard.NotNegative(limit, nameof(limit));
        Guard.That(metric == BudgetMetric.Cost || limit == decimal.Truncate(limit), "must be a whole number for tokens and requests", nameof(limit));
        Guard.That(models is null || models.Count is > 0 and <= MaxModels, $"must list 1 to {MaxModels} models", nameof(models));
        Name = name;
        Period = period;
        Metric = metric;
        Limit = limit;
        Mode = mode;
        Thresholds = thresholds;
        Models = models;
    }

    public string Name { get; }
    public WindowPeriod Period { get; }
    public BudgetMetric Metric { get; }
    public decimal Limit { get; }
    public BudgetMode Mode { get; }
    public IReadOnlyList<AlertThreshold> Thresholds { get; }

    /// <summary>Null: every model counts. Otherwise only these model names (exact, case-insensitive).</summary>
    public IReadOnlyList<string>? Models { get; }

    public bool Counts(string model) => Models is null || Models.Contains(model, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What the window's stored counters depend on: period, metric, model filter and time zone. When it changes, the
    /// counters are rebuilt from the roll-ups; a new limit, mode or thresholds keep them.
    /// </summary>
    public string Definition(string timeZoneId) =>
        string.Join('|', Period.Name, Period.Kind == PeriodKind.Duration ? Period.Anchor.UtcDateTime.ToString("O") : "",
            BudgetNames.Name(Metric), timeZoneId, Models is null ? "*" : string.Join(',', Models.Order(StringComparer.OrdinalIgnoreCase)));

    /// <summary>The used amount of this window's metric in <paramref name="counters"/>: USD, tokens or requests.</summary>
    public decimal Used(Ledger.UsageCounters counters) => Metric switch
    {
        BudgetMetric.Cost => Money.MoneyUnits.FromNanos(counters.SpentNanos),
        BudgetMetric.Tokens => counters.Tokens.Total,
        _ => counters.Requests,
    };

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
