using System.Globalization;

namespace Billing.Domain.Budgets;

/// <summary>
/// When a window alerts: a fraction of its limit in (0, 10] (0.8 = 80 %), or an absolute amount in the window's
/// metric. <see cref="Key"/> identifies the threshold in stored alert markers, so one threshold alerts once per
/// period. <c>default</c> is invalid.
/// </summary>
public readonly record struct AlertThreshold
{
    public const decimal MaxFraction = 10m;

    private AlertThreshold(decimal? fraction, decimal? amount)
    {
        Fraction = fraction;
        Amount = amount;
    }

    public decimal? Fraction { get; }
    public decimal? Amount { get; }

    public static IReadOnlyList<AlertThreshold> Defaults { get; } = [OfFraction(0.5m), OfFraction(0.8m), OfFraction(1.0m)];

    public static AlertThreshold OfFraction(decimal fraction)
    {
        Guard.That(fraction > 0 && fraction <= MaxFraction, $"must be in (0, {MaxFraction}]", nameof(fraction));
        return new(fraction, null);
    }

    public static AlertThreshold OfAmount(decimal amount)
    {
        Guard.That(amount > 0, "must be positive", nameof(amount));
        return new(null, amount);
    }

    /// <summary><c>f0.8</c> or <c>a150</c>: stable for equal values whatever their written scale (0.80 = 0.8).</summary>
    public string Key => Fraction is { } f ? "f" + Normal(f) : "a" + Normal(Amount!.Value);

    /// <summary>The amount of the metric at which this threshold is crossed, for a window with <paramref name="limit"/>.</summary>
    public decimal AmountFor(decimal limit) => Fraction is { } f ? checked(f * limit) : Amount!.Value;

    /// <summary><c>80%</c> or <c>150 USD</c>.</summary>
    public string Label(string unit) => Fraction is { } f ? Normal(checked(f * 100)) + "%" : $"{Normal(Amount!.Value)} {unit}";

    private static string Normal(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
