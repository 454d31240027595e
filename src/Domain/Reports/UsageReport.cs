using System.Globalization;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;

namespace Billing.Domain.Reports;

/// <summary>
/// What a subject used in a range, from its hourly roll-ups. The granularity is one UTC hour: an hour counts when its
/// start lies in the range, and belongs to the local day its start falls in (in zones with a half-hour offset, the
/// hour that straddles local midnight counts on the day it starts). Totals are exact sums of the hours. Groups by model
/// or provider come from the hours' per-model lists, which fold past <see cref="UsageBreakdown.MaxModels"/> models
/// an hour into <see cref="UsageBreakdown.OtherModels"/> (<see cref="ModelsFolded"/>); a model's hour counts under the
/// provider it was last seen with in that hour.
/// </summary>
public sealed record UsageReport(TimeInterval Range, UsageCounters Totals, IReadOnlyList<UsageGroup> Groups, bool ModelsFolded)
{
    /// <summary>The provider group of usage whose provider LiteLLM did not report.</summary>
    public const string UnknownProvider = "(unknown)";

    /// <summary>
    /// The report over <paramref name="range"/>: the roll-up rows (<paramref name="rolledUp"/>) plus the state's latest
    /// hour, each hour once. A row wins over the latest hour of the same start: it exists only once the state moved on,
    /// and then holds everything the latest hour held.
    /// </summary>
    public static UsageReport Of(TimeInterval range, IEnumerable<HourBucket> rolledUp, HourBucket? latest, ReportGrouping groupBy, TimeZoneInfo zone)
    {
        Guard.That(range.End is not null, "must have an end", nameof(range));
        var hours = rolledUp.ToList();
        if (latest is not null && hours.All(h => h.Start != latest.Start)) hours.Add(latest);
        hours = hours.Where(h => range.Contains(h.Start)).OrderBy(h => h.Start).ToList();

        var totals = hours.Aggregate(UsageCounters.Zero, (sum, h) => sum + h.Usage.Total);
        var groups = groupBy == ReportGrouping.Day ? Days(hours, zone) : ByKey(hours, groupBy);
        var folded = hours.Any(h => h.Usage.Models.Any(m => m.Model == UsageBreakdown.OtherModels));
        return new UsageReport(range, totals, groups, folded);
    }

    /// <summary>The first instant of local <paramref name="date"/> in <paramref name="zone"/> (the transition where midnight is skipped).</summary>
    public static DateTimeOffset StartOfDay(TimeZoneInfo zone, DateOnly date) => LocalDates.StartOf(zone, date);

    /// <summary>The local month up to <paramref name="to"/> in <paramref name="zone"/>: where a report starts by default.</summary>
    public static DateTimeOffset DefaultFrom(TimeZoneInfo zone, DateTimeOffset to) =>
        WindowCalendar.Containing(WindowPeriod.Monthly, zone, to.AddTicks(-1)).Start;

    private static List<UsageGroup> Days(List<HourBucket> hours, TimeZoneInfo zone) => hours
        .GroupBy(h => WindowCalendar.Containing(WindowPeriod.Daily, zone, h.Start))
        .Select(day => new UsageGroup(
            LocalDates.DateOf(zone, day.Key.Start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            day.Key.Start,
            day.Key.End,
            day.Aggregate(UsageCounters.Zero, (sum, h) => sum + h.Usage.Total)))
        .OrderBy(g => g.Start)
        .ToList();

    private static List<UsageGroup> ByKey(List<HourBucket> hours, ReportGrouping groupBy) => hours
        .SelectMany(h => h.Usage.Models)
        .GroupBy(m => groupBy == ReportGrouping.Model ? m.Model : ProviderOf(m), StringComparer.Ordinal)
        .Select(g => new UsageGroup(g.Key, null, null, g.Aggregate(UsageCounters.Zero, (sum, m) => sum + m.Counters)))
        .OrderByDescending(g => g.Counters.SpentNanos).ThenByDescending(g => g.Counters.Requests).ThenBy(g => g.Key, StringComparer.Ordinal)
        .ToList();

    private static string ProviderOf(ModelUsage model) =>
        model.Model == UsageBreakdown.OtherModels ? UsageBreakdown.OtherModels : model.Provider ?? UnknownProvider;

    public bool Equals(UsageReport? other) =>
        other is not null && Range == other.Range && Totals == other.Totals && ModelsFolded == other.ModelsFolded && Groups.SequenceEqual(other.Groups);

    public override int GetHashCode() => HashCode.Combine(Range, Totals, Groups.Count);
}
