using System.Globalization;
using Billing.Functions.Problems;

namespace Billing.Functions.Reports;

/// <summary>Reads query parameters; a bad one is a 400 problem that names it.</summary>
internal static class QueryValues
{
    /// <summary>The parameter's value, null when absent; a parameter given twice is a problem.</summary>
    public static Validated<string?> Text(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count switch
        {
            0 => new(null, null),
            1 => new(values[0], null),
            _ => new(null, BillingProblems.Field(name, "must be given once")),
        };
    }

    /// <summary>A whole number in [1, <paramref name="max"/>], <paramref name="fallback"/> when absent.</summary>
    public static Validated<int> Count(IQueryCollection query, string name, int fallback, int max)
    {
        var text = Text(query, name);
        if (text.Problem is not null) return new(0, text.Problem);
        if (text.Value is null) return new(fallback, null);
        return int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 && value <= max
            ? new(value, null)
            : new(0, BillingProblems.Field(name, $"must be a whole number from 1 to {max}"));
    }
}
