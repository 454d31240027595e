using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Usage.Manual;

/// <summary>
/// A SHA-256 of what a valid manual request asks for, in one canonical form: subjects sorted, absent tokens as 0,
/// absent status as success, an empty provider as none, the cost in nanos. <c>at</c> and <c>cost</c> stay absent when
/// absent (now, and the price book), so a retry of the same request matches whenever it is sent.
/// </summary>
internal static class ManualRequestHash
{
    public static string Of(ManualUsageRequest request, IReadOnlyList<SubjectId> subjects, UsageStatus status, TokenCounts tokens, long? at)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStartArray();
            foreach (var subject in subjects.Select(s => s.ToString()).Order(StringComparer.Ordinal)) json.WriteStringValue(subject);
            json.WriteEndArray();
            json.WriteStringValue(request.Model);
            if (request.Provider is { Length: > 0 } provider) json.WriteStringValue(provider);
            else json.WriteNullValue();
            if (request.Cost is { } cost) json.WriteNumberValue(MoneyUnits.ToNanos(cost));
            else json.WriteNullValue();
            foreach (var count in new[] { tokens.Prompt, tokens.Completion, tokens.CachedPrompt, tokens.Reasoning }) json.WriteNumberValue(count);
            if (at is { } seconds) json.WriteNumberValue(seconds);
            else json.WriteNullValue();
            json.WriteStringValue(status == UsageStatus.Success ? "success" : "failure");
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
