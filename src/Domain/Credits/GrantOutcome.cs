namespace Billing.Domain.Credits;

/// <summary>A grant request: <see cref="Added"/>, <see cref="AlreadyGranted"/> (the same request again) or <see cref="Conflict"/> (another body under the same id).</summary>
public enum GrantOutcome
{
    Added,
    AlreadyGranted,
    Conflict,
}
