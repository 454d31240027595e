using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

/// <summary>
/// Checks <c>Authorization: Bearer &lt;key&gt;</c> in constant time: both sides are hashed to fixed-length SHA-256
/// digests and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, against every key of the scope.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly Dictionary<KeyScope, byte[][]> _digests;

    public ApiKeyAuthenticator(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        _digests = new()
        {
            [KeyScope.Ingest] = [Digest(auth.IngestKey)],
            [KeyScope.Admin] = [Digest(auth.AdminKey)],
            [KeyScope.Check] = auth.CheckKeyList.Select(Digest).ToArray(),
        };
    }

    public bool IsAuthorized(KeyScope scope, string? authorizationHeader)
    {
        const string bearer = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = Digest(authorizationHeader[bearer.Length..].Trim());
        var match = false;
        foreach (var digest in _digests[scope])
            match |= CryptographicOperations.FixedTimeEquals(presented, digest);
        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
