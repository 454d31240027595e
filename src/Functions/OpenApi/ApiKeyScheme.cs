namespace Billing.Functions.OpenApi;

/// <summary>How a documented operation is authenticated; each maps to the security schemes in <see cref="ApiSecurity"/>.</summary>
public enum ApiKeyScheme
{
    Ingest,
    Check,

    /// <summary>A check key as <c>Authorization: Bearer</c> or <c>x-api-key</c> (the LiteLLM guardrail route).</summary>
    CheckOrApiKey,
    Admin,

    /// <summary>Any one of the service's keys (ingest, check or admin): health and the document itself.</summary>
    Any,

    /// <summary>No key: Lago signs the body (<c>X-Lago-Signature</c>).</summary>
    LagoSignature,
}
