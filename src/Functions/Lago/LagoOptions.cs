namespace Billing.Functions.Lago;

/// <summary>
/// The Lago connection, bound from section <c>Lago</c> (environment: <c>Lago__ApiUrl</c>, <c>Lago__ApiKey</c>,
/// <c>Lago__EventCode</c>, <c>Lago__ChargeBy</c>, <c>Lago__WebhookSecret</c>, <c>Lago__WebhookPublicKey</c>).
/// No <see cref="ApiUrl"/> means the sync is off. The API key and webhook secret are never logged.
/// </summary>
public sealed class LagoOptions
{
    public const string SectionName = "Lago";

    /// <summary>Lago's base URL without <c>/api/v1</c>, e.g. <c>https://api.getlago.com</c>; empty turns the sync off.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The organisation's API key, sent as <c>Authorization: Bearer</c>. A secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The billable metric code every event carries.</summary>
    public string EventCode { get; set; } = "llm_usage";

    /// <summary>
    /// The subject kind that is Lago's customer, as LiteLLM's <c>LAGO_API_CHARGE_BY</c>: <c>team</c> (default),
    /// <c>user</c>, <c>end_user</c>, <c>org</c> or <c>key</c>; LiteLLM's spellings <c>team_id</c>, <c>user_id</c> and
    /// <c>end_user_id</c> are accepted too.
    /// </summary>
    public string ChargeBy { get; set; } = "team";

    /// <summary>The webhook endpoint's HMAC key ("HMAC Signature Token" in Lago's UI), for <c>X-Lago-Signature-Algorithm: hmac</c>. A secret.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Lago's RSA public key (PEM, or the base64 of the PEM as <c>GET /webhooks/json_public_key</c> returns it), for <c>jwt</c> signatures.</summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>Timeout of each request to Lago.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiUrl);

    /// <summary>Who Lago charges for an event; null when the sync is off (nothing goes to the outbox).</summary>
    public Domain.Lago.ChargeRule? Charge => IsConfigured && Domain.Lago.ChargeRule.TryParse(ChargeBy, out var rule) ? rule : null;

    /// <summary><c>{ApiUrl}/api/v1/</c>: the base every API path is relative to.</summary>
    public Uri ApiBase => new(ApiUrl!.TrimEnd('/') + "/api/v1/", UriKind.Absolute);
}
