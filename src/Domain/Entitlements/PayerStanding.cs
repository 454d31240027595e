using Billing.Domain.Subjects;

namespace Billing.Domain.Entitlements;

/// <summary>The prepaid payer of a call (see <see cref="Credits.PayerRule"/>): its balance now and the balance below which it is suspended.</summary>
public sealed record PayerStanding(SubjectId Subject, long BalanceNanos, long SuspendBelowNanos)
{
    public bool IsSuspended => BalanceNanos < SuspendBelowNanos;
}
