using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// Verifies that a webhook comes from Lago, from the raw body bytes and the <c>X-Lago-Signature</c> and
/// <c>X-Lago-Signature-Algorithm</c> headers (lago-api <c>app/models/webhook.rb</c>, <c>Webhook#generate_headers</c>):
/// <list type="bullet">
/// <item><c>hmac</c>: the signature is <c>Base64.strict_encode64(HMAC-SHA256(hmac_key, payload.to_json))</c>, checked
/// against <see cref="LagoOptions.WebhookSecret"/> in constant time.</item>
/// <item><c>jwt</c>: an RS256 JWT over <see cref="LagoOptions.WebhookPublicKey"/> whose <c>iss</c> is
/// <see cref="LagoOptions.ApiUrl"/> and whose <c>data</c> is the body (<see cref="LagoJwt"/>).</item>
/// </list>
/// Hash the bytes exactly as received, before any JSON parsing. Cheap to construct; the public key is imported on the
/// first <c>jwt</c> verification and kept by this instance, so register it as a singleton. Thread-safe.
/// </summary>
public sealed class LagoWebhookVerifier(IOptions<LagoOptions> options, TimeProvider time)
{
    public const string HmacAlgorithm = "hmac";
    public const string JwtAlgorithm = "jwt";

    private readonly byte[]? _hmacKey = string.IsNullOrWhiteSpace(options.Value.WebhookSecret) ? null : Encoding.UTF8.GetBytes(options.Value.WebhookSecret);
    private readonly string? _issuer = string.IsNullOrWhiteSpace(options.Value.ApiUrl) ? null : options.Value.ApiUrl.Trim();
    private readonly string? _publicKeyText = string.IsNullOrWhiteSpace(options.Value.WebhookPublicKey) ? null : options.Value.WebhookPublicKey;
    private readonly Lazy<LagoPublicKey?> _publicKey = new(() => LagoPublicKey.Load(options.Value.WebhookPublicKey!));

    public LagoSignatureResult Verify(ReadOnlySpan<byte> body, string? signature, string? algorithm)
    {
        if (string.IsNullOrEmpty(signature)) return LagoSignatureResult.Invalid("the webhook is not signed (no X-Lago-Signature)");
        if (string.IsNullOrWhiteSpace(algorithm)) return LagoSignatureResult.Invalid("no X-Lago-Signature-Algorithm");
        algorithm = algorithm.Trim();
        if (algorithm.Equals(HmacAlgorithm, StringComparison.OrdinalIgnoreCase)) return VerifyHmac(body, signature);
        if (algorithm.Equals(JwtAlgorithm, StringComparison.OrdinalIgnoreCase)) return VerifyJwt(body, signature);
        // The header's value is not echoed: it comes from whoever sent the request.
        return LagoSignatureResult.Invalid("X-Lago-Signature-Algorithm is neither hmac nor jwt");
    }

    private LagoSignatureResult VerifyHmac(ReadOnlySpan<byte> body, string signature)
    {
        if (_hmacKey is null) return LagoSignatureResult.Invalid("no WebhookSecret is configured for hmac signatures");
        // An HMAC-SHA256 is 32 bytes for every key and body, so refusing a signature of another length tells the
        // sender nothing it did not know. The bytes themselves are compared in constant time.
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature, presented, out var written) || written != presented.Length)
            return LagoSignatureResult.Invalid("the hmac signature is not the base64 of an HMAC-SHA256");
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_hmacKey, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? LagoSignatureResult.Valid
            : LagoSignatureResult.Invalid("the hmac signature does not match the body and the WebhookSecret");
    }

    private LagoSignatureResult VerifyJwt(ReadOnlySpan<byte> body, string signature)
    {
        if (_publicKeyText is null) return LagoSignatureResult.Invalid("no WebhookPublicKey is configured for jwt signatures");
        if (_issuer is null) return LagoSignatureResult.Invalid("no ApiUrl is configured to check the jwt issuer");
        if (_publicKey.Value is not { } key)
            return LagoSignatureResult.Invalid("WebhookPublicKey is neither an RSA public key PEM nor the base64 of one");
        return LagoJwt.Verify(signature, body, key, _issuer, time.GetUtcNow());
    }
}
