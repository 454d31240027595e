namespace Billing.Functions.Auth;

/// <summary>
/// The keys a request presents, identified once per request: the class (and fingerprint) of its <c>Authorization:
/// Bearer</c> key and of its <c>x-api-key</c>, or null when that header holds no key of this service. The rate limiter
/// and the key checks both ask, so each request hashes and compares its keys once, not once per asker. Keys are
/// distinct across classes (start-up refuses otherwise), so a key's class decides every key check.
/// </summary>
public sealed record PresentedKeys(KeyScope? Bearer, string? BearerFingerprint, KeyScope? ApiKey, string? ApiKeyFingerprint)
{
    private static readonly object ItemKey = new();

    public static PresentedKeys Of(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known) && known is PresentedKeys keys) return keys;
        var authenticator = http.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
        var bearer = ApiKeyAuthenticator.BearerKey(http.Request.Headers.Authorization.ToString());
        var bearerFound = authenticator.TryIdentify(bearer, out var bearerScope, out var bearerPrint);
        var apiKeyFound = authenticator.TryIdentify(http.Request.Headers[AuthExtensions.ApiKeyHeader].ToString(), out var apiKeyScope, out var apiKeyPrint);
        keys = new PresentedKeys(bearerFound ? bearerScope : null, bearerFound ? bearerPrint : null, apiKeyFound ? apiKeyScope : null, apiKeyFound ? apiKeyPrint : null);
        http.Items[ItemKey] = keys;
        return keys;
    }
}
