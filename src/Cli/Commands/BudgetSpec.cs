namespace Billing.Cli.Commands;

/// <summary>
/// <c>--budget &lt;period&gt;:&lt;limit&gt;[:&lt;mode&gt;]</c>: <c>daily:10:hard</c>, <c>monthly:200:soft</c>, <c>P14D:50</c>. The
/// window's name is the period text; an existing window of that name keeps its other settings (thresholds, metric, models).
/// </summary>
internal sealed record BudgetSpec(string Period, decimal Limit, string? Mode)
{
    private static readonly string[] Calendar = ["daily", "weekly", "monthly", "total"];

    public string Name => Period;

    public bool IsDuration => !Calendar.Contains(Period);

    public static BudgetSpec Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3)
            throw CliException.Usage($"--budget: '{text}' is not <period>:<limit>[:<mode>] (for example daily:10:hard)");
        var period = parts[0].Trim();
        if (!Calendar.Contains(period) && !(period.StartsWith('P') && period.Length > 1))
            throw CliException.Usage($"--budget: period '{period}' is not daily, weekly, monthly, total or an ISO-8601 duration (P14D, PT1H)");
        if (!InvariantOptions.TryParseDecimal(parts[1], out var limit) || limit < 0)
            throw CliException.Usage($"--budget: limit '{parts[1]}' is not a plain decimal number ≥ 0 ('.' for decimals, no thousands separators)");
        var mode = parts.Length == 3 ? parts[2].Trim().ToLowerInvariant() : null;
        if (mode is not (null or "hard" or "soft"))
            throw CliException.Usage($"--budget: mode '{parts[2]}' is not hard or soft");
        return new BudgetSpec(period, limit, mode);
    }
}
