using System.Text.Json;
using Billing.Domain.Money;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Usage;

/// <summary>
/// Turns one LiteLLM <c>StandardLoggingPayload</c> into a compact <see cref="UsageEvent"/>. Reads only ids, status,
/// time, model, tokens, cost, cache hit and attribution; prompts and responses are never touched. Throws
/// <see cref="PayloadFieldException"/> naming the field when the element is unusable. A successful call that is not
/// a cache hit, with <c>response_cost</c> 0 or null and a <c>response_cost_failure_debug_info</c> object, is one
/// LiteLLM could not price: its source is <see cref="PriceSource.Unpriced"/> until the price book prices it.
/// </summary>
public static class LiteLlmNormalizer
{
    public const int MaxModelLength = 1024;
    internal static readonly long MinEpoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    internal static readonly long MaxEpoch = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>The largest cost the ledger can hold: <see cref="long.MaxValue"/> nanos.</summary>
    internal static readonly decimal MaxCost = MoneyUnits.FromNanos(long.MaxValue);

    public static UsageEvent Normalize(JsonElement payload)
    {
        if (payload.ValueKind == JsonValueKind.Null)
            throw new PayloadFieldException("element", "is null (LiteLLM sends null when it could not build the payload)");
        if (payload.ValueKind != JsonValueKind.Object)
            throw new PayloadFieldException("element", $"expected a JSON object, got {Describe(payload.ValueKind)}");
        if (IsLegacyV1(payload))
            throw new PayloadFieldException("element", "is the legacy v1 shape (litellm_settings.generic_api_use_v1: true), whose values are Python str() text and cannot be billed exactly; turn generic_api_use_v1 off");

        var (idField, id) = JsonFields.String(payload, "litellm_call_id") is { } callId ? ("litellm_call_id", callId)
            : ("id", JsonFields.String(payload, "id") ?? throw new PayloadFieldException("id", "missing: neither litellm_call_id nor id is set"));
        if (!UsageEventId.IsValid(id)) throw new PayloadFieldException(idField, $"longer than {UsageEventId.MaxLength} characters");

        var metadata = JsonFields.Object(payload, "metadata");
        var usageObject = metadata is { } m ? JsonFields.Object(m, "usage_object", "metadata.") : null;
        var cost = JsonFields.Decimal(payload, "response_cost") ?? 0m;
        if (cost < 0) throw new PayloadFieldException("response_cost", "must not be negative");
        if (cost > MaxCost) throw new PayloadFieldException("response_cost", $"is larger than the ledger can hold ({MaxCost})");

        var model = JsonFields.String(payload, "model_group") ?? JsonFields.String(payload, "model") ?? "unknown";
        var status = ReadStatus(payload);
        var at = ReadStartTime(payload);
        var provider = JsonFields.String(payload, "custom_llm_provider");
        var tokens = new TokenCounts(
            JsonFields.Count(payload, "prompt_tokens"),
            JsonFields.Count(payload, "completion_tokens"),
            Nested(usageObject, "prompt_tokens_details", "cached_tokens"),
            Nested(usageObject, "completion_tokens_details", "reasoning_tokens"));
        var cacheHit = JsonFields.Bool(payload, "cache_hit") ?? false;
        var subjects = ReadSubjects(payload, metadata);
        var source = status == UsageStatus.Success && !cacheHit && cost == 0m && HasCostFailure(payload) ? PriceSource.Unpriced : PriceSource.LiteLlm;
        return new UsageEvent(new UsageEventId(id), status, at, Cut(model), provider, tokens, cost, cacheHit, subjects, source)
        {
            ReservationId = ReservationIdOf(metadata),
        };
    }

    /// <summary>
    /// LiteLLM sets <c>response_cost_failure_debug_info</c> (an object) when its cost calculation failed. Only the
    /// object counts: this debug field is never a reason to reject a call.
    /// </summary>
    private static bool HasCostFailure(JsonElement payload) =>
        payload.TryGetProperty("response_cost_failure_debug_info", out var info) && info.ValueKind == JsonValueKind.Object;

    /// <summary>Keeps at most <see cref="MaxModelLength"/> characters without splitting a surrogate pair (an emoji).</summary>
    private static string Cut(string model)
    {
        if (model.Length <= MaxModelLength) return model;
        var cut = char.IsHighSurrogate(model[MaxModelLength - 1]) ? MaxModelLength - 1 : MaxModelLength;
        return model[..cut];
    }

    /// <summary>
    /// <c>metadata.requester_metadata.billing_reservation_id</c>: an app that reserved with the check passes it in its
    /// LiteLLM request metadata. A value that cannot be a hold id is ignored (the event applies as unmatched).
    /// </summary>
    private static string? ReservationIdOf(JsonElement? metadata) =>
        metadata is { } m && m.TryGetProperty("requester_metadata", out var requester) && requester.ValueKind == JsonValueKind.Object
        && requester.TryGetProperty("billing_reservation_id", out var id) && id.ValueKind == JsonValueKind.String
        && Domain.Reservations.Hold.IsValidId(id.GetString()) ? id.GetString() : null;

    /// <summary>The shared identity rule (<see cref="LiteLlmSubjects"/>) over <c>metadata</c>; the top-level <c>end_user</c> wins.</summary>
    private static IReadOnlyList<SubjectId> ReadSubjects(JsonElement payload, JsonElement? metadata)
    {
        var subjects = LiteLlmSubjects.Read(metadata, "metadata.", JsonFields.String(payload, "end_user"), "end_user");
        return subjects.Count > 0
            ? subjects
            : throw new PayloadFieldException("metadata", "names no subject: user_api_key_hash, user_api_key_user_id, user_api_key_team_id, user_api_key_org_id and end_user are all empty");
    }

    private static UsageStatus ReadStatus(JsonElement payload) => JsonFields.String(payload, "status") switch
    {
        "success" => UsageStatus.Success,
        "failure" => UsageStatus.Failure,
        null => JsonFields.String(payload, "error_str") is null ? UsageStatus.Success : UsageStatus.Failure,
        var other => throw new PayloadFieldException("status", $"expected \"success\" or \"failure\", got \"{Truncate(other)}\""),
    };

    private static long ReadStartTime(JsonElement payload)
    {
        var seconds = JsonFields.Decimal(payload, "startTime")
            ?? throw new PayloadFieldException("startTime", "missing: expected Unix epoch seconds");
        // Range-check before the cast: a huge number would otherwise throw OverflowException, not a field error.
        return seconds >= MinEpoch && seconds < MaxEpoch
            ? (long)decimal.Floor(seconds)
            : throw new PayloadFieldException("startTime", "expected Unix epoch seconds between 2000 and 2200");
    }

    private static long Nested(JsonElement? usageObject, string details, string name)
    {
        if (usageObject is not { } usage) return 0;
        var path = "metadata.usage_object.";
        return JsonFields.Object(usage, details, path) is { } d ? JsonFields.Count(d, name, path + details + ".") : 0;
    }

    private static bool IsLegacyV1(JsonElement payload) =>
        payload.TryGetProperty("cost", out _) && !payload.TryGetProperty("response_cost", out _)
        && payload.TryGetProperty("startTime", out var start) && start.ValueKind == JsonValueKind.String;

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
