namespace Billing.Functions.RateLimiting;

/// <summary>
/// Whose budget a request spends: <see cref="Class"/> is <c>ingest</c>, <c>check</c>, <c>admin</c> or
/// <c>anonymous</c>; <see cref="Identity"/> is a SHA-256 prefix of the key (never the key), or the remote address.
/// </summary>
public readonly record struct Caller(string Class, string Identity)
{
    public const string AnonymousClass = "anonymous";

    public override string ToString() => $"{Class}:{Identity}";
}
