using System.Globalization;

namespace Billing.Domain.Reconciliation;

/// <summary>How reconciliation spells figures: money as exact decimals from nanos (<c>12.345000001</c>, <c>1.25</c>), counts as integers.</summary>
public static class FigureText
{
    public static string Money(long nanos) =>
        Billing.Domain.Money.MoneyUnits.FromNanos(nanos).ToString("0.#########", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> followed by <paramref name="noun"/>, plural unless it is one (<c>1 row</c>, <c>4 rows</c>).</summary>
    public static string Counted(long count, string noun, string? plural = null) => $"{Count(count)} {(count == 1 ? noun : plural ?? noun + "s")}";
}
