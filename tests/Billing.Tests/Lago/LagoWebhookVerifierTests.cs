using System.Buffers.Text;
using System.Text;
using Billing.Functions.Lago;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Lago;

/// <summary>The shared arrangement, hmac and the headers; jwt is in <c>LagoWebhookVerifierTests.Jwt.cs</c>.</summary>
public sealed partial class LagoWebhookVerifierTests
{
    // Quotes, a slash, a backslash and non-ASCII text: the data claim escapes them, and must still equal the body.
    private const string Body =
        """{"webhook_type":"wallet.depleted_ongoing_balance","object_type":"wallet","organization_id":"6c1e","wallet":{"lago_id":"9a2f","external_customer_id":"team-zürich","name":"R&D \"A/B\" \\ 東京","ongoing_balance_cents":-120,"credits_ongoing_balance":"-1.2"}}""";

    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // One key for the class: making a 2048-bit RSA key per test would be most of the run time.
    private static readonly LagoSigner Lago = new();

    /// <summary>A verifier that trusts <see cref="Lago"/>, with <paramref name="change"/> applied to its settings.</summary>
    private static LagoWebhookVerifier Verifier(Action<LagoOptions>? change = null)
    {
        var options = new LagoOptions { ApiUrl = Lago.ApiUrl, WebhookSecret = Lago.HmacKey, WebhookPublicKey = Lago.PublicKeyPem };
        change?.Invoke(options);
        return new(Options.Create(options), new FakeTimeProvider(Now));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static void AssertInvalid(LagoSignatureResult result, string reasonPart)
    {
        Assert.False(result.IsValid);
        Assert.Contains(reasonPart, result.Reason);
    }

    [Fact]
    public void Hmac_signature_over_the_raw_body_is_valid()
    {
        var result = Verifier().Verify(Bytes(Body), Lago.Hmac(Body), "hmac");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Hmac_signature_of_a_tampered_body_is_invalid()
    {
        var result = Verifier().Verify(Bytes(Body.Replace("-120", "120")), Lago.Hmac(Body), "hmac");

        AssertInvalid(result, "does not match");
    }

    [Fact]
    public void Tampered_hmac_signature_is_invalid()
    {
        var signature = Convert.FromBase64String(Lago.Hmac(Body));
        signature[^1] ^= 1;

        var result = Verifier().Verify(Bytes(Body), Convert.ToBase64String(signature), "hmac");

        AssertInvalid(result, "does not match");
    }

    [Fact]
    public void Hmac_signature_made_with_another_key_is_invalid()
    {
        var result = Verifier().Verify(Bytes(Body), LagoSigner.Hmac(Body, "another organisation's key"), "hmac");

        AssertInvalid(result, "does not match");
    }

    [Theory]
    [InlineData(null, "hmac", "not signed")]
    [InlineData("", "jwt", "not signed")]
    [InlineData("c2lnbmF0dXJl", null, "no X-Lago-Signature-Algorithm")]
    [InlineData("c2lnbmF0dXJl", " ", "no X-Lago-Signature-Algorithm")]
    public void Unsigned_webhook_is_invalid(string? signature, string? algorithm, string reason)
    {
        AssertInvalid(Verifier().Verify(Bytes(Body), signature, algorithm), reason);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("RS256")]
    [InlineData("none")]
    public void Unknown_algorithm_is_invalid_and_not_echoed(string algorithm)
    {
        var result = Verifier().Verify(Bytes(Body), Lago.Hmac(Body), algorithm);

        AssertInvalid(result, "neither hmac nor jwt");
        Assert.DoesNotContain(algorithm, result.Reason);
    }

    [Fact]
    public void Algorithm_name_is_matched_ignoring_case()
    {
        Assert.True(Verifier().Verify(Bytes(Body), Lago.Hmac(Body), "HMAC").IsValid);
    }

    [Fact]
    public void Hmac_without_a_configured_secret_is_invalid_and_says_so()
    {
        var result = Verifier(o => o.WebhookSecret = null).Verify(Bytes(Body), Lago.Hmac(Body), "hmac");

        AssertInvalid(result, "no WebhookSecret is configured for hmac signatures");
    }

    public static TheoryData<string, string> MalformedSignatures()
    {
        var huge = new string('A', 1_000_000);
        var claims = Base64Url.EncodeToString(Bytes(LagoSigner.Claims(Body, LagoSigner.DefaultApiUrl)));
        return new()
        {
            { "hmac", "not base64!" },
            { "hmac", "c2hvcnQ=" },
            { "hmac", huge },
            { "jwt", "not-a-jwt" },
            { "jwt", "only.one-dot" },
            { "jwt", "a.b.c.d" },
            { "jwt", ".." },
            { "jwt", "eyJhbGciOiJSUzI1NiJ9.e30=.c2ln" },
            { "jwt", "eyJhbGciOiJSUzI1NiJ9.é.c2ln" },
            { "jwt", "bm90IGpzb24." + claims + ".c2ln" },
            { "jwt", "eyJhbGciOiJSUzI1NiJ9" + "." + claims + ".A" },
            { "jwt", huge + "." + claims + ".c2ln" },
            { "jwt", "eyJhbGciOiJSUzI1NiJ9." + huge + ".c2ln" },
            { "jwt", "eyJhbGciOiJSUzI1NiJ9." + claims + "." + huge },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedSignatures))]
    public void Malformed_signature_is_invalid_without_throwing(string algorithm, string signature)
    {
        var result = Verifier().Verify(Bytes(Body), signature, algorithm);

        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"data":"{}","iss":"https://api.lago.test"} trailing""")]
    [InlineData("""["data"]""")]
    [InlineData("""{"data":"\ud800","iss":"https://api.lago.test"}""")]
    [InlineData("""{"data":"{}","iss":"https://api.lago.test","exp":"tomorrow"}""")]
    public void Signed_jwt_with_a_malformed_payload_is_invalid_without_throwing(string claimsJson)
    {
        var result = Verifier().Verify(Bytes("{}"), Lago.Jws("""{"alg":"RS256"}""", claimsJson), "jwt");

        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public void Reasons_never_contain_the_secret_or_the_signature()
    {
        var signature = LagoSigner.Hmac(Body, "another organisation's key");

        var result = Verifier().Verify(Bytes(Body), signature, "hmac");

        Assert.DoesNotContain(LagoSigner.DefaultHmacKey, result.Reason);
        Assert.DoesNotContain(signature, result.Reason);
    }
}
