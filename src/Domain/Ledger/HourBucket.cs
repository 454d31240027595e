namespace Billing.Domain.Ledger;

/// <summary>
/// The roll-up of one UTC hour. The subject's state keeps the latest hour; once usage moves to a later hour it is
/// written as its own roll-up row, which reports and new windows read.
/// </summary>
public sealed record HourBucket(DateTimeOffset Start, UsageBreakdown Usage)
{
    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
