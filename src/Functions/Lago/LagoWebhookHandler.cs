using System.Text.Json;
using Billing.Functions.Storage;

namespace Billing.Functions.Lago;

/// <summary>
/// <c>POST /api/lago/webhooks</c>: verifies Lago's signature over the raw body (401 when unsigned or badly signed),
/// handles each <c>X-Lago-Unique-Key</c> once, and acts on the events that change what the check must say:
/// <c>wallet.depleted_ongoing_balance</c>, <c>wallet_transaction.created</c> and <c>.updated</c> refresh that wallet's
/// customer now; <c>subscription.terminated</c> suspends the subjects whose usage goes to it, and
/// <c>subscription.started</c> lifts that again. Every other type is acknowledged. The actions are idempotent and the
/// key is recorded after them, so a crash in between repeats an action, never loses one; when Lago cannot be read the
/// answer is 503 and Lago delivers the webhook again.
/// </summary>
public sealed class LagoWebhookHandler(
    LagoWebhookVerifier verifier,
    LagoSyncStore sync,
    LagoSubjects subjects,
    LagoWalletMirror mirror,
    LagoClient client,
    SubjectStore store,
    Microsoft.Extensions.Options.IOptions<LagoOptions> lago,
    TimeProvider time,
    ILogger<LagoWebhookHandler> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<LagoWebhookResult> HandleAsync(ReadOnlyMemory<byte> body, string? signature, string? algorithm, string? uniqueKey, CancellationToken cancellationToken)
    {
        var verified = verifier.Verify(body.Span, signature, algorithm);
        if (!verified.IsValid)
        {
            LagoLog.WebhookRefused(logger, verified.Reason ?? "invalid signature");
            return LagoWebhookResult.Unauthorized(verified.Reason ?? "invalid signature");
        }
        if (string.IsNullOrWhiteSpace(uniqueKey) || uniqueKey.Length > 200) return LagoWebhookResult.BadRequest("X-Lago-Unique-Key", "is required: Lago sends one with every webhook");
        string type;
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("webhook_type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                return LagoWebhookResult.BadRequest("webhook_type", "is required");
            type = typeElement.GetString()!;
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return LagoWebhookResult.BadRequest("body", "is not JSON");
        }
        if (await sync.WebhookSeenAsync(uniqueKey, cancellationToken)) return LagoWebhookResult.Ok("already handled");

        var action = await ActAsync(type, payload, cancellationToken);
        if (action.Failure is { } failure) return LagoWebhookResult.Unavailable(failure);
        await sync.WebhookHandledAsync(uniqueKey, type, time.GetUtcNow(), cancellationToken);
        LagoLog.WebhookHandled(logger, type, uniqueKey, action.Done);
        return LagoWebhookResult.Ok(action.Done);
    }

    private async Task<(string Done, string? Failure)> ActAsync(string type, JsonElement payload, CancellationToken cancellationToken)
    {
        if (!lago.Value.IsConfigured) return ("acknowledged; the Lago sync is off (no Lago:ApiUrl)", null);
        switch (type)
        {
            case "wallet.depleted_ongoing_balance":
                return Text(payload, "wallet", "external_customer_id") is { } customer
                    ? await RefreshAsync(customer, cancellationToken)
                    : ("no external_customer_id in the wallet", null);
            case "wallet_transaction.created" or "wallet_transaction.updated":
                if (Text(payload, "wallet_transaction", "lago_wallet_id") is not { } walletId) return ("no lago_wallet_id in the transaction", null);
                return await client.GetWalletAsync(walletId, cancellationToken) switch
                {
                    LagoWalletResult.Found found => await RefreshAsync(found.Wallet.ExternalCustomerId, cancellationToken),
                    LagoWalletResult.Failed failed => ("", LagoStop.Of(failed.Failure).Reason),
                    _ => ($"wallet {walletId} is not in Lago", null),
                };
            case "subscription.terminated" or "subscription.started":
                if (Text(payload, "subscription", "external_id") is not { } subscription) return ("no external_id in the subscription", null);
                var terminated = type == "subscription.terminated";
                var found2 = await subjects.ForSubscriptionAsync(subscription, cancellationToken);
                foreach (var subject in found2)
                {
                    if (terminated) await store.SetLagoTerminatedAsync(subject, subscription, cancellationToken);
                    else if ((await store.ReadAsync(subject, cancellationToken)).TerminatedSubscription == subscription)
                        await store.SetLagoTerminatedAsync(subject, "", cancellationToken);
                }
                return ($"{(terminated ? "suspended" : "resumed")} {found2.Count} subject(s) of subscription {subscription}", null);
            default:
                return ("acknowledged", null);
        }
    }

    private async Task<(string Done, string? Failure)> RefreshAsync(string customer, CancellationToken cancellationToken)
    {
        var found = await subjects.ForCustomerAsync(customer, cancellationToken);
        foreach (var subject in found)
        {
            var refresh = await mirror.RefreshAsync(subject, customer, cancellationToken);
            if (refresh.Failure is { } failure) return ("", failure.Reason);
        }
        return ($"refreshed the wallets of {customer} for {found.Count} account(s)", null);
    }

    private static string? Text(JsonElement payload, string objectName, string property) =>
        payload.TryGetProperty(objectName, out var obj) && obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}

/// <summary>The webhook's answer: a status and a short message (a problem for 4xx/5xx).</summary>
public sealed record LagoWebhookResult(int Status, string? Field, string Message)
{
    public static LagoWebhookResult Ok(string message) => new(StatusCodes.Status200OK, null, message);

    public static LagoWebhookResult Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, "X-Lago-Signature", reason);

    public static LagoWebhookResult BadRequest(string field, string message) => new(StatusCodes.Status400BadRequest, field, message);

    public static LagoWebhookResult Unavailable(string reason) => new(StatusCodes.Status503ServiceUnavailable, null, "Lago could not be read: " + reason + "; deliver again");
}
