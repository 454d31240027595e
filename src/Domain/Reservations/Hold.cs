namespace Billing.Domain.Reservations;

/// <summary>
/// A reservation's hold on one subject: the estimated cost (nanos) and tokens of a call in flight, for
/// <see cref="Model"/> (model-filtered windows count it only for their models), until <see cref="ExpiresAt"/>. While
/// active it counts as used in every check; the usage event that names it settles it.
/// </summary>
public sealed record Hold(string Id, long CostNanos, long Tokens, string? Model, DateTimeOffset ExpiresAt)
{
    /// <summary>Long enough for the check's ids, which carry their subjects; a caller's own id (a call id) is far shorter.</summary>
    public const int MaxIdLength = 1024;

    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>The longest id a caller may choose (a LiteLLM call id is 36): every hold is stored with the subject's state.</summary>
    public const int MaxCallerIdLength = 256;

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && !id.Any(char.IsControl);

    public static bool IsValidCallerId(string? id) => IsValidId(id) && id!.Length <= MaxCallerIdLength;
}
