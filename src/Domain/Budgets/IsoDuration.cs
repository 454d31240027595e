using System.Globalization;
using System.Text;

namespace Billing.Domain.Budgets;

/// <summary>
/// An ISO-8601 duration <c>PnYnMnDTnHnMnS</c> or <c>PnW</c> with whole, non-negative parts. Weeks become days ×7.
/// Years and months are calendar units; days and <see cref="Time"/> are exact elapsed time (a day is 24 hours).
/// The nominal length (a month counted as 1/12 of 365.2425 days) is at most <see cref="MaxYears"/> years, so
/// arithmetic over any <see cref="DateTimeOffset"/> range cannot overflow. <c>default</c> is the zero duration,
/// which parses from nothing and which no <see cref="WindowPeriod"/> accepts.
/// </summary>
public readonly record struct IsoDuration
{
    public const int MaxYears = 100;

    /// <summary>A Gregorian month on average: 365.2425 / 12 days.</summary>
    internal static readonly TimeSpan AverageMonth = TimeSpan.FromSeconds(2_629_746);

    private static readonly TimeSpan MaxLength = Nominal(12 * MaxYears, 0, 0);

    public IsoDuration(int years, int months, int days, TimeSpan time)
    {
        Guard.That(years >= 0 && months >= 0 && days >= 0 && time >= TimeSpan.Zero, "must not be negative", nameof(time));
        Guard.That(time.Ticks % TimeSpan.TicksPerSecond == 0, "must be whole seconds", nameof(time));
        Guard.That(IsWithinBounds(years, months, days, time.Ticks / TimeSpan.TicksPerSecond),
            $"must be at most {MaxYears} years", nameof(years));
        Years = years;
        Months = months;
        Days = days;
        Time = time;
    }

    public int Years { get; }
    public int Months { get; }
    public int Days { get; }

    /// <summary>The hours, minutes and seconds after the <c>T</c>, in whole seconds.</summary>
    public TimeSpan Time { get; }

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>True without years or months: every repetition then lasts exactly <see cref="FixedLength"/>.</summary>
    public bool IsFixedLength => Years == 0 && Months == 0;

    public TimeSpan? FixedLength => IsFixedLength ? TimeSpan.FromDays(Days) + Time : null;

    internal int TotalMonths => Years * 12 + Months;

    internal TimeSpan NominalLength => Nominal(TotalMonths, Days, Time.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>
    /// Parses upper-case ISO-8601 text such as <c>PT1H</c>, <c>P7D</c>, <c>P2W</c>, <c>P1M</c> or <c>P1DT12H</c>.
    /// Rejects signs, fractions, weeks mixed with other parts, empty forms (<c>P</c>, <c>PT</c>), all-zero durations
    /// and durations longer than <see cref="MaxYears"/> years.
    /// </summary>
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (text is not { Length: >= 3 and <= 64 } || text[0] != 'P') return false;
        Span<long> parts = stackalloc long[7]; // Y M W D H M S
        var seen = 0;
        var next = 0;
        var inTime = false;
        for (var i = 1; i < text.Length;)
        {
            if (text[i] == 'T')
            {
                if (inTime || ++i == text.Length) return false;
                inTime = true;
                next = 4;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start || i - start > 10 || i == text.Length) return false;
            var unit = Unit(text[i], inTime);
            if (unit < next) return false;
            parts[unit] = long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            seen |= 1 << unit;
            next = unit + 1;
            i++;
        }
        const int week = 1 << 2;
        if (seen == 0 || ((seen & week) != 0 && seen != week)) return false;
        var days = parts[3] + 7 * parts[2];
        var seconds = parts[4] * 3600 + parts[5] * 60 + parts[6];
        if (!IsWithinBounds(parts[0], parts[1], days, seconds) || parts[0] + parts[1] + days + seconds == 0) return false;
        duration = new IsoDuration((int)parts[0], (int)parts[1], (int)days, TimeSpan.FromSeconds(seconds));
        return true;
    }

    /// <summary>
    /// The canonical text: weeks as days, time as whole hours, minutes and seconds (<c>PT90M</c> is <c>PT1H30M</c>).
    /// It parses back to an equal value, except that the zero duration prints as <c>PT0S</c>, which does not parse.
    /// </summary>
    public override string ToString()
    {
        if (IsZero) return "PT0S";
        var text = new StringBuilder("P");
        var invariant = CultureInfo.InvariantCulture;
        if (Years > 0) text.Append(invariant, $"{Years}Y");
        if (Months > 0) text.Append(invariant, $"{Months}M");
        if (Days > 0) text.Append(invariant, $"{Days}D");
        if (Time > TimeSpan.Zero)
        {
            var seconds = Time.Ticks / TimeSpan.TicksPerSecond;
            text.Append('T');
            if (seconds >= 3600) text.Append(invariant, $"{seconds / 3600}H");
            if (seconds / 60 % 60 > 0) text.Append(invariant, $"{seconds / 60 % 60}M");
            if (seconds % 60 > 0) text.Append(invariant, $"{seconds % 60}S");
        }
        return text.ToString();
    }

    private static int Unit(char designator, bool inTime) => (designator, inTime) switch
    {
        ('Y', false) => 0,
        ('M', false) => 1,
        ('W', false) => 2,
        ('D', false) => 3,
        ('H', true) => 4,
        ('M', true) => 5,
        ('S', true) => 6,
        _ => -1,
    };

    private static bool IsWithinBounds(long years, long months, long days, long seconds) =>
        years <= MaxYears && months <= 12 * MaxYears && days <= 366 * MaxYears && seconds <= 86_400L * 366 * MaxYears
        && Nominal(12 * years + months, days, seconds) <= MaxLength;

    private static TimeSpan Nominal(long months, long days, long seconds) =>
        TimeSpan.FromTicks(AverageMonth.Ticks * months + TimeSpan.TicksPerDay * days + TimeSpan.TicksPerSecond * seconds);
}
