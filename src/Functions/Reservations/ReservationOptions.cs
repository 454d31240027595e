namespace Billing.Functions.Reservations;

/// <summary>Reservations, bound from <c>Check:Reservations</c> (app setting <c>Check__Reservations__Ttl</c>).</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Check:Reservations";

    /// <summary>How long a hold counts when no usage settles it and nobody releases it.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Active holds one subject may carry; a reservation past it, or past what fits in the subject's state row
    /// (about 200K characters of holds: 2,000 short ids, fewer long ones), is denied with a reason, never a 500.
    /// </summary>
    public int MaxHoldsPerSubject { get; set; } = 2_000;
}
