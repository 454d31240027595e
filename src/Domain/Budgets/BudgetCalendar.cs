namespace Billing.Domain.Budgets;

/// <summary>Pure calendar arithmetic for budget periods, in UTC.</summary>
public static class BudgetCalendar
{
    /// <summary>The resettable periods the ledger keeps counters for.</summary>
    public static readonly IReadOnlyList<BudgetPeriod> Resetting = [BudgetPeriod.Daily, BudgetPeriod.Weekly, BudgetPeriod.Monthly];

    public static PeriodInterval Containing(BudgetPeriod period, DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return period switch
        {
            BudgetPeriod.Daily => new(period, day, day.AddDays(1)),
            BudgetPeriod.Weekly => Week(day),
            BudgetPeriod.Monthly => Month(day),
            BudgetPeriod.Total => new(period, DateTimeOffset.UnixEpoch, null),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "unknown budget period"),
        };
    }

    public static DateTimeOffset StartOf(BudgetPeriod period, long epochSeconds) =>
        Containing(period, DateTimeOffset.FromUnixTimeSeconds(epochSeconds)).Start;

    private static PeriodInterval Week(DateTimeOffset day)
    {
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        var start = day.AddDays(-sinceMonday);
        return new(BudgetPeriod.Weekly, start, start.AddDays(7));
    }

    private static PeriodInterval Month(DateTimeOffset day)
    {
        var start = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new(BudgetPeriod.Monthly, start, start.AddMonths(1));
    }
}
