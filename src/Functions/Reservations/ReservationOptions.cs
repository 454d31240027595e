namespace Billing.Functions.Reservations;

/// <summary>Reservations, bound from <c>Check:Reservations</c> (app setting <c>Check__Reservations__Ttl</c>).</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Check:Reservations";

    /// <summary>How long a hold counts when no usage settles it and nobody releases it.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Active holds one subject may carry; a reservation past it is denied with a reason. The holds live in the
    /// subject's state row (8 columns of 30K characters, about 3,000 holds), so the cap stays below what fits.
    /// </summary>
    public int MaxHoldsPerSubject { get; set; } = 2_000;
}
