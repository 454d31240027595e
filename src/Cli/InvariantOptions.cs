using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Billing.Cli;

/// <summary>
/// Options whose values mean the same on every machine, whatever the current culture: System.CommandLine's own
/// converters parse decimals and instants in the current culture, where de-DE reads <c>12.5</c> as 125 and an instant
/// without an offset in the machine's time zone. Money is a plain invariant decimal (a '.' for the decimal point, no
/// thousands separators, no exponent: <c>1,000</c> and <c>1e3</c> are refused rather than guessed at); instants are
/// ISO-8601 with an explicit offset or 'Z'; <c>--from</c>/<c>--to</c> take what the API takes, a date or such an instant.
/// </summary>
internal static partial class InvariantOptions
{
    private const NumberStyles Money = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static Option<decimal> RequiredDecimal(string name, string description) =>
        new(name) { Description = description, Required = true, CustomParser = result => Parse(result, name, out decimal value) ? value : default };

    public static Option<decimal?> Decimal(string name, string description) =>
        new(name) { Description = description, CustomParser = result => Parse(result, name, out decimal value) ? value : null };

    public static Option<DateTimeOffset?> Instant(string name, string description) =>
        new(name) { Description = description, CustomParser = result => Parse(result, name, out DateTimeOffset value) ? value : null };

    /// <summary>A date (<c>2026-11-01</c>) or an instant with an offset, passed to the API as written.</summary>
    public static Option<string?> DateOrInstant(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var text
                && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && !TryParseInstant(text, out _))
                result.AddError($"{name}: '{text}' is neither a date (2026-11-01) nor an ISO-8601 instant with an offset (2026-11-01T00:00:00Z, 2026-11-01T00:00:00+01:00)");
        });
        return option;
    }

    public static bool TryParseDecimal(string text, out decimal value) => decimal.TryParse(text, Money, CultureInfo.InvariantCulture, out value);

    public static bool TryParseInstant(string text, out DateTimeOffset value)
    {
        value = default;
        return ExplicitOffset().IsMatch(text)
            && DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private static bool Parse(ArgumentResult result, string name, out decimal value)
    {
        value = default;
        if (result.Tokens.Count == 0) return false;
        var text = result.Tokens[0].Value;
        if (TryParseDecimal(text, out value)) return true;
        result.AddError($"{name}: '{text}' is not a plain decimal number: use '.' for the decimal point and no thousands separators or exponent (12.5)");
        return false;
    }

    private static bool Parse(ArgumentResult result, string name, out DateTimeOffset value)
    {
        value = default;
        if (result.Tokens.Count == 0) return false;
        var text = result.Tokens[0].Value;
        if (TryParseInstant(text, out value)) return true;
        result.AddError($"{name}: '{text}' is not an ISO-8601 instant with an offset or 'Z' (2026-11-22T10:00:00Z, 2026-11-22T11:00:00+01:00)");
        return false;
    }

    /// <summary>Ends in 'Z' or ±hh:mm: the 'K' specifier alone also accepts no offset at all.</summary>
    [GeneratedRegex(@"(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex ExplicitOffset();
}
