using Billing.Domain.Money;

namespace Billing.Tests.Domain;

public sealed class MoneyTests
{
    private static readonly Currency Eur = new("EUR");

    private static Money Usd(decimal amount) => new(amount, Currency.Usd);

    public static TheoryData<decimal, decimal, decimal> Sums => new()
    {
        { 0.00025395m, 0.0065m, 0.00675395m },
        { 0.1m, 0.2m, 0.3m },
        { 0.000000001m, 0.000000001m, 0.000000002m },
        { 1m, -1m, 0m },
    };

    [Theory]
    [MemberData(nameof(Sums))]
    public void Addition_is_exact(decimal left, decimal right, decimal sum)
    {
        Assert.Equal(Usd(sum), Usd(left) + Usd(right));
    }

    [Theory]
    [MemberData(nameof(Sums))]
    public void Subtraction_is_exact(decimal left, decimal right, decimal sum)
    {
        Assert.Equal(Usd(left), Usd(sum) - Usd(right));
    }

    [Fact]
    public void Addition_that_overflows_throws()
    {
        Assert.Throws<OverflowException>(() => Usd(decimal.MaxValue) + Usd(1m));
    }

    [Fact]
    public void Subtraction_that_overflows_throws()
    {
        Assert.Throws<OverflowException>(() => Usd(decimal.MinValue) - Usd(1m));
    }

    public static TheoryData<string> Operators => ["+", "-", ">", "<", ">=", "<="];

    [Theory]
    [MemberData(nameof(Operators))]
    public void Mixing_currencies_throws(string op)
    {
        var usd = Usd(1m);
        var eur = new Money(1m, Eur);
        Func<object> apply = op switch
        {
            "+" => () => usd + eur,
            "-" => () => usd - eur,
            ">" => () => usd > eur,
            "<" => () => usd < eur,
            ">=" => () => usd >= eur,
            _ => () => usd <= eur,
        };

        var error = Assert.Throws<InvalidOperationException>(apply);

        Assert.Contains("USD", error.Message);
        Assert.Contains("EUR", error.Message);
    }

    [Theory]
    [InlineData("1.00", "1", false, false, true, true)]
    [InlineData("0.000000002", "0.000000001", true, false, true, false)]
    [InlineData("-5", "0", false, true, false, true)]
    public void Comparison_follows_the_amount(string left, string right, bool greater, bool less, bool greaterOrEqual, bool lessOrEqual)
    {
        var a = Usd(decimal.Parse(left, System.Globalization.CultureInfo.InvariantCulture));
        var b = Usd(decimal.Parse(right, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((greater, less, greaterOrEqual, lessOrEqual), (a > b, a < b, a >= b, a <= b));
    }

    [Fact]
    public void Same_amount_in_different_currencies_is_not_equal()
    {
        Assert.NotEqual(Usd(1m), new Money(1m, Eur));
    }

    [Fact]
    public void Zero_is_zero_in_the_given_currency()
    {
        Assert.Equal(new Money(0m, Eur), Money.Zero(Eur));
    }

    [Fact]
    public void FromNanos_and_ToNanos_round_trip()
    {
        var money = Money.FromNanos(253_950, Currency.Usd);

        Assert.Equal((Usd(0.00025395m), 253_950L), (money, money.ToNanos()));
    }

    [Fact]
    public void ToNanos_uses_the_rounding_policy()
    {
        Assert.Equal(3, Usd(0.0000000025m).ToNanos());
    }

    [Fact]
    public void ToString_shows_amount_and_currency()
    {
        Assert.Equal("0.00025395 USD", Usd(0.00025395m).ToString());
    }

    [Fact]
    public void Default_money_cannot_take_part_in_arithmetic()
    {
        Assert.Throws<InvalidOperationException>(() => default(Money) + default(Money));
    }
}
