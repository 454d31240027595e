using System.Security.Cryptography;
using System.Text;

namespace Billing.Functions.Lago;

/// <summary>
/// Lago's RSA public key, imported once from <see cref="LagoOptions.WebhookPublicKey"/>. Lago serves the key as
/// <c>Base64.encode64(RsaPublicKey.to_s)</c> (lago-api <c>app/controllers/api/v1/webhooks_controller.rb</c>): the
/// base64 of a <c>-----BEGIN PUBLIC KEY-----</c> PEM, broken into lines of 60 characters. Both that text and the PEM
/// itself are accepted.
/// </summary>
internal sealed class LagoPublicKey
{
    private const string PemMarker = "-----BEGIN ";

    private readonly RSA _rsa;

    // An RSA instance is not documented as safe for concurrent use (dotnet/corefx#9708: "this does not guarantee
    // thread safety"), so verifications take turns. One RS256 verification costs tens of microseconds.
    private readonly Lock _gate = new();

    private LagoPublicKey(RSA rsa)
    {
        _rsa = rsa;
        SignatureSize = rsa.KeySize / 8;
    }

    /// <summary>The length in bytes of every RS256 signature this key verifies.</summary>
    public int SignatureSize { get; }

    /// <summary>The key in <paramref name="configured"/>, or <see langword="null"/> when it is neither an RSA PEM nor the base64 of one.</summary>
    public static LagoPublicKey? Load(string configured)
    {
        var pem = configured.Contains(PemMarker, StringComparison.Ordinal) ? configured : FromBase64(configured);
        if (pem is null) return null;
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new LagoPublicKey(rsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // ImportFromPem throws ArgumentException when there is no RSA PEM block, CryptographicException when its contents are not a key.
            rsa.Dispose();
            return null;
        }
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (JWS <c>RS256</c>).</summary>
    public bool Verifies(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize) return false;
        lock (_gate)
            return _rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static string? FromBase64(string text)
    {
        // Convert ignores the line breaks Ruby's Base64.encode64 puts every 60 characters.
        var bytes = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written)) return null;
        var pem = Encoding.UTF8.GetString(bytes, 0, written);
        return pem.Contains(PemMarker, StringComparison.Ordinal) ? pem : null;
    }
}
