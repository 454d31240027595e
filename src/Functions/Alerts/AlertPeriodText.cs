using System.Globalization;

namespace Billing.Functions.Alerts;

/// <summary>The period of an alert in the account's time zone and in UTC, as the two lines both email parts show.</summary>
internal sealed record AlertPeriodText(string Local, string? Utc)
{
    public static AlertPeriodText For(AlertEmail email)
    {
        var zone = FindZone(email.TimeZone);
        var utc = $"{Range(email.PeriodStart, email.PeriodEnd, TimeZoneInfo.Utc)} UTC";
        if (zone is null) return new($"{utc} (time zone '{AlertFigures.OneLine(email.TimeZone)}' is unknown)", null);
        if (IsUtc(zone)) return new(utc, null);
        return new($"{Range(email.PeriodStart, email.PeriodEnd, zone)} {email.TimeZone}", utc);
    }

    private static string Range(DateTimeOffset start, DateTimeOffset? end, TimeZoneInfo zone) =>
        end is { } until
            ? $"{Format(start, zone)} to {Format(until, zone)}"
            : $"{Format(start, zone)} onwards (never resets)";

    private static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.ToString(local.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;

    /// <summary>The zone, or null when this machine does not know the id (then the email shows UTC and says so).</summary>
    private static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
