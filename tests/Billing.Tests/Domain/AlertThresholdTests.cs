using Billing.Domain.Budgets;

namespace Billing.Tests.Domain;

public sealed class AlertThresholdTests
{
    public static TheoryData<decimal, string, string> Fractions => new()
    {
        // fraction, key, label
        { 0.8m, "f0.8", "80%" },
        { 0.80m, "f0.8", "80%" },
        { 0.800000m, "f0.8", "80%" },
        { 1m, "f1", "100%" },
        { 1.0m, "f1", "100%" },
        { 0.5m, "f0.5", "50%" },
        { 0.333m, "f0.333", "33.3%" },
        { 1.5m, "f1.5", "150%" },
        { 10m, "f10", "1000%" },
        { 0.0001m, "f0.0001", "0.01%" },
    };

    [Theory]
    [MemberData(nameof(Fractions))]
    public void Fraction_key_and_label_do_not_depend_on_the_written_scale(decimal fraction, string key, string label)
    {
        var threshold = AlertThreshold.OfFraction(fraction);

        Assert.Equal((key, label), (threshold.Key, threshold.Label("USD")));
    }

    [Fact]
    public void Equal_fractions_written_differently_share_a_key()
    {
        Assert.Equal(AlertThreshold.OfFraction(0.8m).Key, AlertThreshold.OfFraction(0.80m).Key);
    }

    public static TheoryData<decimal, string, string, string> Amounts => new()
    {
        // amount, unit, key, label
        { 150m, "USD", "a150", "150 USD" },
        { 150.00m, "USD", "a150", "150 USD" },
        { 0.25m, "EUR", "a0.25", "0.25 EUR" },
        { 1000m, "tokens", "a1000", "1000 tokens" },
        { 1e6m, "requests", "a1000000", "1000000 requests" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Amount_key_and_label_are_written_in_the_unit(decimal amount, string unit, string key, string label)
    {
        var threshold = AlertThreshold.OfAmount(amount);

        Assert.Equal((key, label), (threshold.Key, threshold.Label(unit)));
    }

    [Fact]
    public void Fraction_and_amount_of_the_same_number_have_different_keys()
    {
        Assert.NotEqual(AlertThreshold.OfFraction(1m).Key, AlertThreshold.OfAmount(1m).Key);
    }

    public static TheoryData<decimal, decimal, decimal> FractionAmounts => new()
    {
        // fraction, limit, amount
        { 0.8m, 10m, 8m },
        { 0.5m, 0.000000003m, 0.0000000015m },
        { 1m, 0m, 0m },
        { 1.5m, 200m, 300m },
        { 0.333m, 1000m, 333m },
    };

    [Theory]
    [MemberData(nameof(FractionAmounts))]
    public void A_fraction_crosses_at_that_share_of_the_limit(decimal fraction, decimal limit, decimal amount)
    {
        Assert.Equal(amount, AlertThreshold.OfFraction(fraction).AmountFor(limit));
    }

    [Fact]
    public void An_amount_crosses_at_itself_whatever_the_limit()
    {
        Assert.Equal(150m, AlertThreshold.OfAmount(150m).AmountFor(10m));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(10.01)]
    public void Fraction_outside_zero_to_ten_is_a_caller_bug(double fraction)
    {
        Assert.Throws<ArgumentException>(() => AlertThreshold.OfFraction((decimal)fraction));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Amount_that_is_not_positive_is_a_caller_bug(int amount)
    {
        Assert.Throws<ArgumentException>(() => AlertThreshold.OfAmount(amount));
    }

    [Fact]
    public void Defaults_are_half_four_fifths_and_all_of_the_limit()
    {
        Assert.Equal(["f0.5", "f0.8", "f1"], AlertThreshold.Defaults.Select(t => t.Key));
    }
}
