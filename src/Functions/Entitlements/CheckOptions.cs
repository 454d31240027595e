using Billing.Domain.Entitlements;

namespace Billing.Functions.Entitlements;

public sealed class CheckOptions
{
    public const string SectionName = "Check";

    /// <summary>What to answer for a subject without an account: Allow (default, unlimited) or Deny.</summary>
    public UnknownSubjectPolicy UnknownSubjects { get; set; } = UnknownSubjectPolicy.Allow;
}
