using System.Globalization;

namespace Billing.Functions.Alerts;

/// <summary>
/// How an alert email shows numbers and names: one place, so the subject, the text and the HTML part agree.
/// Display rounding is <see cref="MidpointRounding.AwayFromZero"/>; it never feeds back into the ledger.
/// </summary>
internal static class AlertFigures
{
    public const string Cost = "cost";
    public const string Hard = "hard";
    public const int TopModelCount = 5;

    public static readonly IReadOnlyList<string> Metrics = [Cost, "tokens", "requests"];
    public static readonly IReadOnlyList<string> Modes = [Hard, "soft"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The unit of used and limit: the currency for cost, else the metric's own name (<c>tokens</c>, <c>requests</c>).</summary>
    public static string Unit(AlertEmail email) => email.Metric == Cost ? email.Currency : email.Metric;

    /// <summary>A used or limit figure without its unit.</summary>
    public static string Amount(AlertEmail email, decimal value) => email.Metric == Cost ? Money(value) : Count(value);

    public static string AmountWithUnit(AlertEmail email, decimal value) => $"{Amount(email, value)} {Unit(email)}";

    /// <summary>
    /// Two decimals from 0.01 up. Below that (LLM calls cost fractions of a cent) two significant digits, so a
    /// non-zero amount never shows as 0.00: 0.0042, 0.00000012.
    /// </summary>
    public static string Money(decimal value)
    {
        var size = Math.Abs(value);
        if (size == 0m || size >= 0.01m) return Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Invariant);
        var firstDigit = 3;
        while (size * Pow10(firstDigit) < 1m) firstDigit++;
        var decimals = Math.Min(firstDigit + 1, 28);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), Invariant);
    }

    /// <summary>Tokens and requests: whole numbers with thousands separators.</summary>
    public static string Count(decimal value) => value.ToString("#,0.##", Invariant);

    public static string Count(long value) => value.ToString("#,0", Invariant);

    /// <summary>Used as a percentage of the limit, exact in decimal; null when the limit is zero.</summary>
    public static decimal? Percent(AlertEmail email) =>
        email.Limit == 0m ? null : checked(email.Used * 100m / email.Limit);

    /// <summary>One decimal, may exceed 100: <c>80.0%</c>, <c>112.5%</c>; a zero limit shows as <c>n/a (limit is 0)</c>.</summary>
    public static string PercentText(AlertEmail email) =>
        Percent(email) is { } percent
            ? Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("#,0.0", Invariant) + "%"
            : "n/a (limit is 0)";

    public static bool IsOverLimit(AlertEmail email) => email.Used > email.Limit;

    /// <summary>Width of the bar's filled part in whole percent, capped at 100; at least 1 when anything was used.</summary>
    public static int BarFill(AlertEmail email)
    {
        if (Percent(email) is not { } percent) return email.Used > 0m ? 100 : 0;
        var fill = (int)Math.Min(100m, Math.Floor(percent));
        return fill == 0 && email.Used > 0m ? 1 : fill;
    }

    /// <summary>The five models with the largest spend, largest first; ties by requests, then name.</summary>
    public static IReadOnlyList<ModelSpend> TopModels(AlertEmail email) =>
        email.TopModels
            .OrderByDescending(m => m.Cost)
            .ThenByDescending(m => m.Requests)
            .ThenBy(m => m.Model, StringComparer.Ordinal)
            .Take(TopModelCount)
            .ToList();

    /// <summary>Control characters (line breaks included) become spaces: user-supplied names stay on one line.</summary>
    public static string OneLine(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        });

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10m;
        return result;
    }
}
