namespace Billing.Domain.Credits;

/// <summary><see cref="Budget"/>: spending caps only. <see cref="Prepaid"/>: usage also burns the payer's credits, and the check wants a balance.</summary>
public enum BillingMode
{
    Budget,
    Prepaid,
}
