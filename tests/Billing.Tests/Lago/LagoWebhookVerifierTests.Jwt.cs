namespace Billing.Tests.Lago;

/// <summary><c>X-Lago-Signature-Algorithm: jwt</c>: Lago's RS256 JWT whose <c>data</c> is the body.</summary>
public sealed partial class LagoWebhookVerifierTests
{
    [Fact]
    public void Jwt_without_a_configured_public_key_is_invalid_and_says_so()
    {
        var result = Verifier(o => o.WebhookPublicKey = null).Verify(Bytes(Body), Lago.Jwt(Body), "jwt");

        AssertInvalid(result, "no WebhookPublicKey is configured for jwt signatures");
    }

    [Fact]
    public void Jwt_without_a_configured_api_url_is_invalid_and_says_so()
    {
        var result = Verifier(o => o.ApiUrl = null).Verify(Bytes(Body), Lago.Jwt(Body), "jwt");

        AssertInvalid(result, "no ApiUrl is configured");
    }

    [Fact]
    public void Jwt_signature_over_the_raw_body_is_valid()
    {
        var result = Verifier().Verify(Bytes(Body), Lago.Jwt(Body), "jwt");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Public_key_as_the_base64_of_the_pem_is_accepted()
    {
        var result = Verifier(o => o.WebhookPublicKey = Lago.PublicKeyBase64).Verify(Bytes(Body), Lago.Jwt(Body), "jwt");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Jwt_signed_by_another_key_is_invalid()
    {
        using var impostor = new LagoSigner();

        var result = Verifier().Verify(Bytes(Body), impostor.Jwt(Body), "jwt");

        AssertInvalid(result, "not signed by the configured WebhookPublicKey");
    }

    [Fact]
    public void Jwt_with_alg_none_is_invalid()
    {
        var result = Verifier().Verify(Bytes(Body), LagoSigner.Unsecured(Body, Lago.ApiUrl), "jwt");

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Jwt_signed_with_alg_none_in_its_header_is_invalid_even_with_a_valid_RS256_signature()
    {
        var token = Lago.Jws("""{"alg":"none"}""", LagoSigner.Claims(Body, Lago.ApiUrl));

        AssertInvalid(Verifier().Verify(Bytes(Body), token, "jwt"), "alg is not RS256");
    }

    [Fact]
    public void Jwt_with_HS256_keyed_by_the_public_key_is_invalid()
    {
        var verifier = Verifier(o => o.WebhookPublicKey = Lago.PublicKeyBase64);

        foreach (var secret in new[] { Lago.PublicKeyPem, Lago.PublicKeyBase64 })
            AssertInvalid(verifier.Verify(Bytes(Body), LagoSigner.Hs256(Body, Lago.ApiUrl, secret), "jwt"), "alg is not RS256");
    }

    [Fact]
    public void Jwt_whose_data_differs_from_the_body_is_invalid()
    {
        var result = Verifier().Verify(Bytes(Body.Replace("-120", "120")), Lago.Jwt(Body), "jwt");

        AssertInvalid(result, "data claim is not the body");
    }

    [Fact]
    public void Jwt_whose_data_is_an_object_is_invalid_even_when_its_text_is_the_body()
    {
        var token = Lago.Jws("""{"alg":"RS256"}""", $$"""{"data":{{Body}},"iss":"{{Lago.ApiUrl}}"}""");

        AssertInvalid(Verifier().Verify(Bytes(Body), token, "jwt"), "data claim is not a string");
    }

    [Fact]
    public void Jwt_that_repeats_its_data_claim_is_invalid()
    {
        var claims = LagoSigner.Claims(Body, Lago.ApiUrl).TrimEnd('}') + ""","data":"{}"}""";

        AssertInvalid(Verifier().Verify(Bytes(Body), Lago.Jws("""{"alg":"RS256"}""", claims), "jwt"), "repeats its data claim");
    }

    [Fact]
    public void Jwt_from_another_issuer_is_invalid()
    {
        var result = Verifier().Verify(Bytes(Body), Lago.Jwt(Body, issuer: "https://lago.example.com"), "jwt");

        AssertInvalid(result, "iss is not the configured ApiUrl");
    }

    [Fact]
    public void Jwt_without_an_issuer_is_invalid()
    {
        var token = Lago.Jws("""{"alg":"RS256"}""", """{"data":"{}"}""");

        AssertInvalid(Verifier().Verify(Bytes("{}"), token, "jwt"), "no iss claim");
    }

    [Theory]
    [InlineData("https://api.lago.test/", "https://api.lago.test")]
    [InlineData("https://api.lago.test", "https://api.lago.test/")]
    public void Issuer_matches_the_api_url_ignoring_one_trailing_slash(string apiUrl, string issuer)
    {
        var result = Verifier(o => o.ApiUrl = apiUrl).Verify(Bytes(Body), Lago.Jwt(Body, issuer), "jwt");

        Assert.True(result.IsValid, result.Reason);
    }

    [Theory]
    [InlineData("exp", -61, "has expired")]
    [InlineData("nbf", 61, "not valid yet")]
    public void Jwt_outside_its_exp_or_nbf_is_invalid(string claim, int offsetSeconds, string reason)
    {
        var at = Now.ToUnixTimeSeconds() + offsetSeconds;
        var claims = LagoSigner.Claims(Body, Lago.ApiUrl).TrimEnd('}') + $",\"{claim}\":{at}}}";

        AssertInvalid(Verifier().Verify(Bytes(Body), Lago.Jws("""{"alg":"RS256"}""", claims), "jwt"), reason);
    }

    [Theory]
    [InlineData("exp", -59)]
    [InlineData("nbf", 59)]
    public void Jwt_within_a_minute_of_its_exp_or_nbf_is_valid(string claim, int offsetSeconds)
    {
        var at = Now.ToUnixTimeSeconds() + offsetSeconds;
        var claims = LagoSigner.Claims(Body, Lago.ApiUrl).TrimEnd('}') + $",\"{claim}\":{at}}}";

        var result = Verifier().Verify(Bytes(Body), Lago.Jws("""{"alg":"RS256"}""", claims), "jwt");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Jwt_with_a_crit_header_is_invalid()
    {
        var token = Lago.Jws("""{"alg":"RS256","crit":["b64"],"b64":false}""", LagoSigner.Claims(Body, Lago.ApiUrl));

        AssertInvalid(Verifier().Verify(Bytes(Body), token, "jwt"), "crit");
    }

    [Fact]
    public void Unreadable_public_key_is_invalid_and_says_so()
    {
        var result = Verifier(o => o.WebhookPublicKey = "not a key").Verify(Bytes(Body), Lago.Jwt(Body), "jwt");

        AssertInvalid(result, "WebhookPublicKey is neither an RSA public key PEM nor the base64 of one");
    }
}
