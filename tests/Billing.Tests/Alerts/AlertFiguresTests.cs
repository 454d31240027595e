using Billing.Functions.Alerts;

namespace Billing.Tests.Alerts;

public sealed class AlertFiguresTests
{
    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("0.01", "0.01")]
    [InlineData("0.015", "0.02")]
    [InlineData("8", "8.00")]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("0.0042", "0.0042")]
    [InlineData("0.005", "0.005")]
    [InlineData("0.00424242", "0.0042")]
    [InlineData("0.00999", "0.01")]
    [InlineData("0.00000012", "0.00000012")]
    [InlineData("0.000000001", "0.000000001")]
    public void Money_has_two_decimals_or_enough_to_be_non_zero(string amount, string expected)
    {
        Assert.Equal(expected, AlertFigures.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("8", "10", "80.0%")]
    [InlineData("12.5", "10", "125.0%")]
    [InlineData("1", "3", "33.3%")]
    [InlineData("2", "3", "66.7%")]
    [InlineData("0.000000001", "10", "0.0%")]
    [InlineData("30000", "1", "3,000,000.0%")]
    [InlineData("1", "0", "n/a (limit is 0)")]
    public void Percent_of_limit_is_exact_with_one_decimal(string used, string limit, string expected)
    {
        var email = AlertEmails.Acme() with { Used = decimal.Parse(used, System.Globalization.CultureInfo.InvariantCulture), Limit = decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, AlertFigures.PercentText(email));
    }

    [Theory]
    [InlineData("0", "10", 0)]
    [InlineData("0.000000001", "10", 1)]
    [InlineData("7.999", "10", 79)]
    [InlineData("10", "10", 100)]
    [InlineData("25", "10", 100)]
    [InlineData("1", "0", 100)]
    public void Bar_fill_is_whole_percent_capped_at_100(string used, string limit, int expected)
    {
        var email = AlertEmails.Acme() with { Used = decimal.Parse(used, System.Globalization.CultureInfo.InvariantCulture), Limit = decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, AlertFigures.BarFill(email));
    }
}
