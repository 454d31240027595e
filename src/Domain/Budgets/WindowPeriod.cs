namespace Billing.Domain.Budgets;

/// <summary>
/// The window a budget counts spending in: a calendar period (<see cref="Daily"/>, <see cref="Weekly"/>,
/// <see cref="Monthly"/>) read in a time zone by <see cref="WindowCalendar"/>, <see cref="Total"/> (never resets), or
/// repetitions of an ISO-8601 <see cref="Duration"/> laid from an <see cref="Anchor"/> instant (<see cref="Every"/>).
/// <see cref="Duration"/> and <see cref="Anchor"/> are <c>default</c> unless the kind is
/// <see cref="PeriodKind.Duration"/>. <c>default</c> is <see cref="Daily"/>.
/// </summary>
public readonly record struct WindowPeriod
{
    /// <summary>The shortest fixed-length duration a window may repeat.</summary>
    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(1);

    private WindowPeriod(PeriodKind kind, IsoDuration duration, DateTimeOffset anchor)
    {
        Kind = kind;
        Duration = duration;
        Anchor = anchor;
    }

    public PeriodKind Kind { get; }

    public IsoDuration Duration { get; }

    /// <summary>The instant one repetition starts at, in UTC. Other repetitions start whole durations before or after it.</summary>
    public DateTimeOffset Anchor { get; }

    public static WindowPeriod Daily { get; } = new(PeriodKind.Daily, default, default);
    public static WindowPeriod Weekly { get; } = new(PeriodKind.Weekly, default, default);
    public static WindowPeriod Monthly { get; } = new(PeriodKind.Monthly, default, default);
    public static WindowPeriod Total { get; } = new(PeriodKind.Total, default, default);

    /// <summary>Repetitions of <paramref name="duration"/>, one of which starts at <paramref name="anchor"/>.</summary>
    public static WindowPeriod Every(IsoDuration duration, DateTimeOffset anchor)
    {
        Guard.That(!duration.IsZero, "must not be zero", nameof(duration));
        Guard.That(duration.FixedLength is not { } length || length >= MinimumLength, "must be at least one minute", nameof(duration));
        return new(PeriodKind.Duration, duration, anchor.ToUniversalTime());
    }

    /// <summary>The wire name: <c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>total</c>, or the canonical duration text.</summary>
    public string Name => Kind == PeriodKind.Duration ? Duration.ToString() : PeriodKinds.Name(Kind);

    /// <summary>
    /// Reads a wire name and, for a duration, its anchor. On failure <paramref name="error"/> is a short message for
    /// a problem body about the name's field, e.g. <c>an ISO-8601 duration needs an anchor</c>.
    /// </summary>
    public static bool TryParse(string? name, DateTimeOffset? anchor, out WindowPeriod period, out string? error)
    {
        period = default;
        error = null;
        if (PeriodKinds.TryParse(name, out var kind))
        {
            if (anchor is not null) error = "anchor applies only to ISO-8601 durations";
            else period = new(kind, default, default);
        }
        else if (!IsoDuration.TryParse(name, out var duration))
            error = $"must be {PeriodKinds.CalendarNames} or an ISO-8601 duration such as PT1H or P7D";
        else if (anchor is not { } start)
            error = "an ISO-8601 duration needs an anchor";
        else if (duration.FixedLength < MinimumLength)
            error = "must be at least one minute";
        else
            period = Every(duration, start);
        return error is null;
    }

    /// <summary>The <see cref="Name"/>, followed for a duration by <c>from</c> and the anchor in ISO-8601.</summary>
    public override string ToString() => Kind == PeriodKind.Duration ? $"{Name} from {Anchor:O}" : Name;
}
