using Billing.Functions.Auth;
using Microsoft.OpenApi;

namespace Billing.Functions.OpenApi;

/// <summary>The document's security schemes, and which of them each <see cref="ApiKeyScheme"/> accepts.</summary>
public static class ApiSecurity
{
    public const string IngestKey = "ingestKey";
    public const string CheckKey = "checkKey";
    public const string CheckApiKey = "checkApiKey";
    public const string AdminKey = "adminKey";
    public const string LagoSignature = "lagoSignature";

    public static Dictionary<string, IOpenApiSecurityScheme> Schemes() => new(StringComparer.Ordinal)
    {
        [IngestKey] = Bearer("The ingest key (Auth__IngestKey), as LiteLLM's generic_api callback sends it."),
        [CheckKey] = Bearer("A check key (one of Auth__CheckKeys)."),
        [CheckApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthExtensions.ApiKeyHeader,
            Description = "A check key as LiteLLM's guardrail sends its api_key.",
        },
        [AdminKey] = Bearer("The admin key (Auth__AdminKey)."),
        [LagoSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Lago-Signature",
            Description = "No key: Lago signs the body, with HMAC (Lago__WebhookSecret) or a JWT (Lago__WebhookPublicKey), as X-Lago-Signature-Algorithm says.",
        },
    };

    /// <summary>The alternatives (any one suffices) for an operation's key.</summary>
    public static IReadOnlyList<string> Accepted(ApiKeyScheme key) => key switch
    {
        ApiKeyScheme.Ingest => [IngestKey],
        ApiKeyScheme.Check => [CheckKey],
        ApiKeyScheme.CheckOrApiKey => [CheckKey, CheckApiKey],
        ApiKeyScheme.Admin => [AdminKey],
        ApiKeyScheme.LagoSignature => [LagoSignature],
        ApiKeyScheme.Any => [IngestKey, CheckKey, AdminKey],
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static OpenApiSecurityScheme Bearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = description };
}
