using Billing.Domain.Money;

namespace Billing.Tests.Domain;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("USD", "USD")]
    [InlineData("eur", "EUR")]
    [InlineData("cHf", "CHF")]
    public void Code_is_stored_in_upper_case(string code, string expected)
    {
        Assert.Equal(expected, new Currency(code).Code);
    }

    [Fact]
    public void Codes_differing_only_in_case_are_the_same_currency()
    {
        Assert.Equal(new Currency("usd"), Currency.Usd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U$D")]
    [InlineData("U1D")]
    [InlineData("ÜSD")]
    [InlineData(" US")]
    public void Anything_but_three_ascii_letters_is_rejected(string? code)
    {
        Assert.False(Currency.IsValidCode(code));
        Assert.Throws<ArgumentException>(() => new Currency(code!));
    }

    [Fact]
    public void ToString_is_the_code()
    {
        Assert.Equal("USD", Currency.Usd.ToString());
    }
}
