using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> (or, where a route allows it, a bare key such as LiteLLM's
/// <c>x-api-key</c>) in constant time: both sides are hashed to fixed-length SHA-256 digests and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, against every key of the scope.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly Dictionary<KeyScope, byte[][]> _digests;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        _digests = Enum.GetValues<KeyScope>().ToDictionary(scope => scope, scope => auth.KeysOf(scope).Select(Digest).ToArray());
    }

    public bool IsAuthorized(KeyScope scope, string? authorizationHeader)
    {
        const string bearer = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return false;
        return IsKey(scope, authorizationHeader[bearer.Length..]);
    }

    /// <summary>
    /// Whether <paramref name="authorizationHeader"/> is <c>Bearer</c> with a key of any scope (ingest, check or admin);
    /// every scope is compared, so the time taken does not tell which one matched.
    /// </summary>
    public bool IsAnyKey(string? authorizationHeader)
    {
        var match = false;
        foreach (var scope in _digests.Keys)
            match |= IsAuthorized(scope, authorizationHeader);
        return match;
    }

    /// <summary>Whether <paramref name="key"/> (surrounding white space ignored) is a key of <paramref name="scope"/>.</summary>
    public bool IsKey(KeyScope scope, string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return false;
        var presented = Digest(key.Trim());
        var match = false;
        foreach (var digest in _digests[scope])
            match |= CryptographicOperations.FixedTimeEquals(presented, digest);
        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
