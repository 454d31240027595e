namespace Billing.Domain.Entitlements;

/// <summary>What the check answers for a subject that has no account.</summary>
public enum UnknownSubjectPolicy
{
    Allow,
    Deny,
}
