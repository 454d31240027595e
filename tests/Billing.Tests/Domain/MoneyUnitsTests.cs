using Billing.Domain.Money;

namespace Billing.Tests.Domain;

public sealed class MoneyUnitsTests
{
    public static TheoryData<decimal, long> ExactAmounts => new()
    {
        { 0m, 0 },
        { 1m, 1_000_000_000 },
        { 0.000000001m, 1 },
        { 0.00025395m, 253_950 },
        { 0.0799998476288m, 79_999_848 },
        { -0.000000001m, -1 },
        { 9_223_372_036.854775807m, long.MaxValue },
        { -9_223_372_036.854775808m, long.MinValue },
    };

    [Theory]
    [MemberData(nameof(ExactAmounts))]
    public void Amount_with_at_most_nine_decimals_converts_to_nanos_exactly(decimal amount, long nanos)
    {
        Assert.Equal(nanos, MoneyUnits.ToNanos(amount));
    }

    public static TheoryData<decimal, long> RoundedAmounts => new()
    {
        { 0.0000000004m, 0 },
        { 0.00000000049999m, 0 },
        { 0.0000000005m, 1 },
        { 0.0000000015m, 2 },
        { 0.0000000025m, 3 },
        { 0.0000000035m, 4 },
        { 0.00000000149m, 1 },
        { -0.0000000005m, -1 },
        { -0.0000000025m, -3 },
        { -0.0000000004m, 0 },
        { 1.2345678905m, 1_234_567_891 },
    };

    [Theory]
    [MemberData(nameof(RoundedAmounts))]
    public void Tenth_decimal_rounds_half_away_from_zero(decimal amount, long nanos)
    {
        Assert.Equal(nanos, MoneyUnits.ToNanos(amount));
    }

    public static TheoryData<long, decimal> Nanos => new()
    {
        { 0, 0m },
        { 1, 0.000000001m },
        { 253_950, 0.00025395m },
        { -1, -0.000000001m },
        { long.MaxValue, 9_223_372_036.854775807m },
        { long.MinValue, -9_223_372_036.854775808m },
    };

    [Theory]
    [MemberData(nameof(Nanos))]
    public void Nanos_convert_back_to_the_exact_amount(long nanos, decimal amount)
    {
        Assert.Equal(amount, MoneyUnits.FromNanos(nanos));
    }

    [Theory]
    [MemberData(nameof(RoundedAmounts))]
    public void RoundToNanos_keeps_the_rounded_amount(decimal amount, long nanos)
    {
        Assert.Equal(MoneyUnits.FromNanos(nanos), MoneyUnits.RoundToNanos(amount));
    }

    public static TheoryData<decimal> TooLarge => new()
    {
        9_223_372_036.854775808m,
        -9_223_372_036.854775809m,
        1_000_000_000_000m,
        decimal.MaxValue,
        decimal.MinValue,
    };

    [Theory]
    [MemberData(nameof(TooLarge))]
    public void Amount_beyond_the_range_of_nanos_throws_instead_of_wrapping(decimal amount)
    {
        Assert.Throws<OverflowException>(() => MoneyUnits.ToNanos(amount));
    }
}
