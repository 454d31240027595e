using Billing.Domain.Subjects;

namespace Billing.Domain.Lago;

/// <summary>
/// Where a subject's usage goes in Lago: the customer that owns its wallets and the subscription its events attach to.
/// Either one left unset defaults to the subject's bare id (<c>acme</c> for <c>team:acme</c>), which is what LiteLLM's
/// own Lago callback sends.
/// </summary>
public sealed record LagoLink
{
    public const int MaxIdLength = 255;

    public static readonly LagoLink Default = new(null, null);

    public LagoLink(string? externalCustomerId, string? externalSubscriptionId)
    {
        Guard.That(externalCustomerId is null || IsValidId(externalCustomerId), $"must be 1 to {MaxIdLength} characters without control characters", nameof(externalCustomerId));
        Guard.That(externalSubscriptionId is null || IsValidId(externalSubscriptionId), $"must be 1 to {MaxIdLength} characters without control characters", nameof(externalSubscriptionId));
        ExternalCustomerId = externalCustomerId;
        ExternalSubscriptionId = externalSubscriptionId;
    }

    /// <summary>Set explicitly; null means the subject's bare id.</summary>
    public string? ExternalCustomerId { get; }

    /// <summary>Set explicitly; null means the subject's bare id.</summary>
    public string? ExternalSubscriptionId { get; }

    public bool IsDefault => ExternalCustomerId is null && ExternalSubscriptionId is null;

    public string CustomerOf(SubjectId subject) => ExternalCustomerId ?? subject.Id;

    public string SubscriptionOf(SubjectId subject) => ExternalSubscriptionId ?? subject.Id;

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && !id.Any(char.IsControl) && id.Trim().Length == id.Length;
}
