namespace Billing.Functions.Auth;

/// <summary>Where a route takes its key: <c>Authorization: Bearer</c> only (every route but the guardrail's), or also <c>x-api-key</c>.</summary>
public enum KeyHeaders
{
    Bearer,
    BearerOrApiKey,
}
