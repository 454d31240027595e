using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> (or, where a route allows it, a bare key such as LiteLLM's
/// <c>x-api-key</c>) in constant time: both sides are hashed to fixed-length SHA-256 digests and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, against every key of every class (<see cref="TryIdentify"/>).
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly Dictionary<KeyScope, byte[][]> _digests;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        _digests = Enum.GetValues<KeyScope>().ToDictionary(scope => scope, scope => auth.KeysOf(scope).Select(Digest).ToArray());
    }

    /// <summary>The key of an <c>Authorization: Bearer &lt;key&gt;</c> header (scheme in any case), else null.</summary>
    public static string? BearerKey(string? authorizationHeader)
    {
        const string bearer = "Bearer ";
        return authorizationHeader is not null && authorizationHeader.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? authorizationHeader[bearer.Length..]
            : null;
    }

    /// <summary>
    /// When <paramref name="key"/> is a valid key of any class: that class, and a fingerprint to tell keys apart without
    /// holding them (the first 8 bytes of the key's SHA-256, as hex). Every key of every class is compared.
    /// </summary>
    public bool TryIdentify(string? key, out KeyScope scope, out string fingerprint)
    {
        scope = default;
        fingerprint = "";
        if (string.IsNullOrWhiteSpace(key)) return false;
        var presented = Digest(key.Trim());
        var found = false;
        foreach (var (candidate, digests) in _digests)
            foreach (var digest in digests)
            {
                if (!CryptographicOperations.FixedTimeEquals(presented, digest)) continue;
                scope = candidate;
                found = true;
            }
        if (found) fingerprint = Convert.ToHexStringLower(presented.AsSpan(0, 8));
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
