using System.Globalization;
using System.Text.RegularExpressions;
using Billing.Domain.Reports;

namespace Billing.Functions.Reports;

/// <summary>
/// A <c>from</c> or <c>to</c> of a report: an ISO-8601 instant with its offset (<c>2026-03-01T00:00:00Z</c>,
/// <c>2026-03-01T00:00:00+01:00</c>), or a date (<c>2026-03-01</c>), which means local midnight in the account's time
/// zone. An unencoded <c>+</c> in the offset arrives as a space and is read as <c>+</c>.
/// </summary>
internal readonly partial record struct ReportBound(DateTimeOffset? Instant, DateOnly? Date)
{
    public const string Expected = "must be an ISO-8601 instant with an offset (2026-03-01T00:00:00Z) or a date (2026-03-01: local midnight in the account's time zone)";

    public static bool TryParse(string text, out ReportBound bound)
    {
        bound = default;
        if (DatePattern().IsMatch(text))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || !InYears(date.Year)) return false;
            bound = new(null, date);
            return true;
        }
        var instant = InstantPattern().Match(text);
        if (!instant.Success) return false;
        var normalized = instant.Groups["sign"].Value == " " ? text[..instant.Groups["sign"].Index] + "+" + text[(instant.Groups["sign"].Index + 1)..] : text;
        if (!DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !InYears(parsed.UtcDateTime.Year)) return false;
        bound = new(parsed.ToUniversalTime(), null);
        return true;
    }

    /// <summary>Years a report can cover; outside them the calendar arithmetic would leave the range of <see cref="DateTimeOffset"/>.</summary>
    private static bool InYears(int year) => year is >= 1970 and <= 9998;

    public DateTimeOffset Resolve(TimeZoneInfo zone) => Instant ?? UsageReport.StartOfDay(zone, Date.GetValueOrDefault());

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|(?<sign>[+\- ])\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
