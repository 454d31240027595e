using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Lago;

/// <summary>
/// Checks <c>X-Lago-Signature</c> when the algorithm is <c>jwt</c>: a compact JWS <c>header.payload.signature</c> that
/// Lago makes with <c>JWT.encode({data: payload.to_json, iss: ENV["LAGO_API_URL"]}, RsaPrivateKey, "RS256")</c>
/// (lago-api <c>app/models/webhook.rb</c>, <c>Webhook#jwt_signature</c>; its spec decodes the header to
/// <c>{"alg" =&gt; "RS256"}</c>). The body is <c>payload.to_json</c> of the same hash, so <c>data</c> equals the raw
/// body byte for byte.
/// <para>
/// Only <c>RS256</c> with the configured key is accepted: the token's own <c>alg</c> never picks the algorithm or the
/// key (no <c>none</c>, no <c>HS256</c> keyed by the public key, no <c>jwk</c>/<c>jku</c>), and a <c>crit</c> header
/// is refused. Lago's JWT carries no <c>exp</c>, so a captured webhook verifies forever, like an HMAC one; deduplicate
/// with <c>X-Lago-Unique-Key</c>. An <c>exp</c> or <c>nbf</c>, if present, is still checked with <see cref="ClockSkew"/>.
/// </para>
/// </summary>
internal static class LagoJwt
{
    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off from our clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Lago's header <c>{"alg":"RS256"}</c> is 20 characters of base64url; anything this long is not Lago's.</summary>
    public const int MaxHeaderLength = 1024;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static LagoSignatureResult Verify(string token, ReadOnlySpan<byte> body, LagoPublicKey key, string issuer, DateTimeOffset now)
    {
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot < 0 || lastDot == firstDot) return Invalid("the jwt signature is not header.payload.signature");
        var header = token.AsSpan(0, firstDot);
        var payload = token.AsSpan(firstDot + 1, lastDot - firstDot - 1);
        var signature = token.AsSpan(lastDot + 1);
        if (header.Length > MaxHeaderLength) return Invalid("the JWT header is too large");
        // Only base64url characters, no padding: this also refuses a third dot and anything that is not ASCII.
        if (!IsBase64Url(header) || !IsBase64Url(payload) || !IsBase64Url(signature))
            return Invalid("the jwt signature is not header.payload.signature in base64url");

        if (!TryDecode(header, out var headerJson)) return Invalid("the JWT header is not base64url");
        if (HeaderProblem(headerJson) is { } problem) return Invalid(problem);

        if (!TryDecode(signature, out var signatureBytes)) return Invalid("the JWT signature is not base64url");
        var signingInput = new byte[lastDot];
        Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signingInput);
        if (!key.Verifies(signingInput, signatureBytes)) return Invalid("the JWT is not signed by the configured WebhookPublicKey");

        if (!TryDecode(payload, out var payloadJson)) return Invalid("the JWT payload is not base64url");
        LagoJwtClaims claims;
        try
        {
            claims = LagoJwtClaims.Read(payloadJson, body);
        }
        catch (JsonException)
        {
            return Invalid("the JWT payload is not JSON");
        }
        if (claims.Problem is { } claimProblem) return Invalid(claimProblem);
        if (claims.Issuer is null) return Invalid("the JWT has no iss claim");
        if (!string.Equals(WithoutTrailingSlash(claims.Issuer), WithoutTrailingSlash(issuer), StringComparison.Ordinal))
            return Invalid("the JWT iss is not the configured ApiUrl");
        var seconds = now.ToUnixTimeMilliseconds() / 1000d;
        if (claims.ExpiresAt is { } expiresAt && seconds > expiresAt + ClockSkew.TotalSeconds) return Invalid("the JWT has expired");
        if (claims.NotBefore is { } notBefore && seconds < notBefore - ClockSkew.TotalSeconds) return Invalid("the JWT is not valid yet");
        return claims.DataMatchesBody ? LagoSignatureResult.Valid : Invalid("the JWT data claim is not the body");
    }

    /// <summary>Why the JOSE header is not Lago's, or <see langword="null"/> when it says <c>"alg":"RS256"</c> once and has no <c>crit</c>.</summary>
    private static string? HeaderProblem(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "the JWT header is not a JSON object";
            var rs256 = false;
            var algorithms = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    algorithms++;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("RS256"u8)) return "the JWT alg is not RS256";
                    rs256 = true;
                }
                else if (reader.ValueTextEquals("crit"u8))
                {
                    return "the JWT header has a crit parameter";
                }
                else
                {
                    reader.Skip();
                }
            }
            reader.Read();
            if (algorithms > 1) return "the JWT header repeats alg";
            return rs256 ? null : "the JWT alg is not RS256";
        }
        catch (JsonException)
        {
            return "the JWT header is not JSON";
        }
    }

    private static bool IsBase64Url(ReadOnlySpan<char> segment) => !segment.IsEmpty && !segment.ContainsAnyExcept(Base64UrlAlphabet);

    private static bool TryDecode(ReadOnlySpan<char> base64Url, out ArraySegment<byte> bytes)
    {
        var buffer = new byte[Base64Url.GetMaxDecodedLength(base64Url.Length)];
        var status = Base64Url.DecodeFromChars(base64Url, buffer, out _, out var written);
        bytes = new ArraySegment<byte>(buffer, 0, written);
        return status == OperationStatus.Done;
    }

    private static string WithoutTrailingSlash(string url) => url.EndsWith('/') ? url[..^1] : url;

    private static LagoSignatureResult Invalid(string reason) => LagoSignatureResult.Invalid(reason);
}
