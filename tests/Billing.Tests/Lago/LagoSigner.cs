using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Billing.Tests.Lago;

/// <summary>
/// Signs webhook bodies the way Lago does (lago-api <c>app/models/webhook.rb</c>): <c>hmac</c> is
/// <c>Base64.strict_encode64(HMAC-SHA256(hmac_key, body))</c>; <c>jwt</c> is
/// <c>JWT.encode({data: body, iss: LAGO_API_URL}, private_key, "RS256")</c> with the header <c>{"alg":"RS256"}</c>.
/// The RSA key is made per signer; <see cref="PublicKeyBase64"/> is the form <c>GET /webhooks/json_public_key</c>
/// serves. <see cref="Settings"/> configures an app under test to trust this signer.
/// </summary>
public sealed class LagoSigner(string apiUrl = LagoSigner.DefaultApiUrl, string hmacKey = LagoSigner.DefaultHmacKey) : IDisposable
{
    public const string DefaultApiUrl = "https://api.lago.test";
    public const string DefaultHmacKey = "hmac-key-of-the-test-organisation";

    private readonly RSA _key = RSA.Create(2048);

    public string ApiUrl { get; } = apiUrl;

    public string HmacKey { get; } = hmacKey;

    /// <summary><c>-----BEGIN PUBLIC KEY-----</c> (SubjectPublicKeyInfo), as Ruby's <c>OpenSSL::PKey::RSA#public_key.to_s</c>.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem() + "\n";

    /// <summary>Ruby's <c>Base64.encode64(pem)</c>: lines of 60 characters, each ending with a line feed.</summary>
    public string PublicKeyBase64 => string.Concat(Convert.ToBase64String(Encoding.UTF8.GetBytes(PublicKeyPem)).Chunk(60).Select(line => new string(line) + "\n"));

    /// <summary>Configuration keys that make the app trust this signer.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Lago:ApiUrl"] = ApiUrl,
        ["Lago:WebhookSecret"] = HmacKey,
        ["Lago:WebhookPublicKey"] = PublicKeyBase64,
    };

    /// <summary>The <c>X-Lago-Signature</c> value for <paramref name="body"/> with <paramref name="algorithm"/> (<c>hmac</c> or <c>jwt</c>).</summary>
    public string Sign(string body, string algorithm) => algorithm switch
    {
        "hmac" => Hmac(body),
        "jwt" => Jwt(body),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Lago signs with hmac or jwt."),
    };

    public string Hmac(string body) => Hmac(body, HmacKey);

    public static string Hmac(string body, string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    /// <summary>Lago's JWT: claims <c>data</c> (the body as a string) and <c>iss</c>.</summary>
    public string Jwt(string body, string? issuer = null) => Jws("""{"alg":"RS256"}""", Claims(body, issuer ?? ApiUrl));

    /// <summary>A JWT with these header and claims texts, RS256-signed with this signer's key whatever the header says.</summary>
    public string Jws(string headerJson, string claimsJson)
    {
        var signingInput = SigningInput(headerJson, claimsJson);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>A JWT HS256-signed with <paramref name="secret"/>: the algorithm-confusion attack when the secret is the public key.</summary>
    public static string Hs256(string body, string issuer, string secret)
    {
        var signingInput = SigningInput("""{"alg":"HS256","typ":"JWT"}""", Claims(body, issuer));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An unsecured JWT (<c>alg: none</c>, empty signature).</summary>
    public static string Unsecured(string body, string issuer) => SigningInput("""{"alg":"none"}""", Claims(body, issuer)) + ".";

    /// <summary><c>{"data":body,"iss":issuer}</c>, escaped like Ruby's <c>to_json</c> (non-ASCII as is, quotes and backslashes escaped).</summary>
    public static string Claims(string body, string issuer)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("data", body);
            writer.WriteString("iss", issuer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string SigningInput(string headerJson, string claimsJson) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claimsJson));

    public void Dispose() => _key.Dispose();
}
