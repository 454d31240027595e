namespace Billing.Domain.Money;

/// <summary>
/// Storage units: billionths of a currency unit ("nanos") in a <see cref="long"/>, fine enough for per-token
/// LLM prices and good for ±9.2 billion units. This is the single rounding policy: amounts with more than nine
/// decimals are rounded half away from zero to the nearest nano.
/// </summary>
public static class MoneyUnits
{
    public const long NanosPerUnit = 1_000_000_000L;

    public static long ToNanos(decimal amount) =>
        checked((long)Round(amount * NanosPerUnit));

    public static decimal FromNanos(long nanos) => nanos / (decimal)NanosPerUnit;

    /// <summary>Rounds an amount to whole nanos, the precision the ledger keeps.</summary>
    public static decimal RoundToNanos(decimal amount) => FromNanos(ToNanos(amount));

    private static decimal Round(decimal value) => decimal.Round(value, 0, MidpointRounding.AwayFromZero);
}
