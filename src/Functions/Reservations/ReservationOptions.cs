namespace Billing.Functions.Reservations;

/// <summary>Reservations, bound from <c>Check:Reservations</c> (app setting <c>Check__Reservations__Ttl</c>).</summary>
public sealed class ReservationOptions
{
    public const string SectionName = "Check:Reservations";

    /// <summary>How long a hold counts when no usage settles it and nobody releases it.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);
}
