namespace Billing.Functions.Entitlements;

/// <summary>
/// The answer; a denial is a normal 200 with <see cref="DeniedBy"/> naming the subject and window.
/// <see cref="EstimatedCost"/> is the cost the decision assumed and <see cref="EstimateSource"/> where it came from
/// (<see cref="EstimateSources"/>).
/// </summary>
public sealed record CheckResponse(
    bool Allowed,
    string Reason,
    CheckDenial? DeniedBy,
    IReadOnlyList<CheckSubject> Subjects,
    decimal EstimatedCost,
    string EstimateSource)
{
    /// <summary>The prepaid subject whose credits would pay for the call; null when none of them is prepaid.</summary>
    public CheckPayer? Payer { get; init; }

    /// <summary>With <c>reserve</c> and allowed: the hold's id, to pass to LiteLLM as <c>billing_reservation_id</c> or to release.</summary>
    public string? ReservationId { get; init; }

    /// <summary>When the hold stops counting if no usage settles it and nobody releases it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record CheckDenial(string Subject, string? Window);

/// <summary>The call's prepaid payer: its balance now and <c>active</c> or <c>suspended</c>.</summary>
public sealed record CheckPayer(string Subject, decimal Balance, string Status);

/// <summary>One subject's windows in the period containing now; none means unlimited.</summary>
public sealed record CheckSubject(string Subject, bool HasAccount, string Currency, IReadOnlyList<CheckWindow> Windows);

/// <summary>
/// One window: limit, used and remaining in its metric (USD, tokens or requests), its current period, its mode, and
/// whether it governs this call (a model-filtered window applies only to its models).
/// </summary>
public sealed record CheckWindow(
    string Name,
    string Period,
    string Metric,
    string Mode,
    decimal Limit,
    decimal Used,
    decimal Remaining,
    DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd,
    bool Applies)
{
    /// <summary>What reservations in flight hold in this window (included in <see cref="Used"/>).</summary>
    public decimal Held { get; init; }
}
