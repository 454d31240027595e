using System.Diagnostics.CodeAnalysis;

namespace Billing.Functions.Lago;

/// <summary>
/// Whether a Lago webhook's signature holds. When it does not, <see cref="Reason"/> says why in a few words that are
/// safe to log: a reason never contains the secret, the key, the presented signature or any other header value.
/// There is no public constructor, so a result is either <see cref="Valid"/> or made by <see cref="Invalid"/>.
/// </summary>
public sealed record LagoSignatureResult
{
    private LagoSignatureResult(bool isValid, string? reason)
    {
        IsValid = isValid;
        Reason = reason;
    }

    public static LagoSignatureResult Valid { get; } = new(true, null);

    public static LagoSignatureResult Invalid(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }

    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid { get; }

    /// <summary>Why the signature does not hold; <see langword="null"/> when it does.</summary>
    public string? Reason { get; }

    public override string ToString() => IsValid ? "valid" : $"invalid: {Reason}";
}
