namespace Billing.Domain.Budgets;

/// <summary>
/// How a budget window resets. <see cref="Daily"/>, <see cref="Weekly"/> (ISO weeks from Monday) and
/// <see cref="Monthly"/> follow the local calendar of a time zone; <see cref="Total"/> never resets;
/// <see cref="Duration"/> repeats an ISO-8601 duration from an anchor instant. Wire names are in <see cref="PeriodKinds"/>.
/// </summary>
public enum PeriodKind
{
    Daily,
    Weekly,
    Monthly,
    Total,
    Duration,
}
