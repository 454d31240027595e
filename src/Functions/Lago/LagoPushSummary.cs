namespace Billing.Functions.Lago;

/// <summary>
/// What one <c>LagoPush</c> run did: events Lago stored, events Lago had already (a resend after a lost answer),
/// events parked because Lago refused them, and events still waiting in the outbox. <see cref="NextAttemptAt"/> is set
/// while Lago asked us to wait (429) or failed; <see cref="Stopped"/> says why the run ended early.
/// </summary>
public sealed record LagoPushSummary(int Pushed, int AlreadyInLago, int Parked, int Pending)
{
    public bool Configured { get; init; } = true;

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? Stopped { get; init; }
}
