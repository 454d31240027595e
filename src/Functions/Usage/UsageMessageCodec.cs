using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Json;

namespace Billing.Functions.Usage;

/// <summary>Packs compact events into as few queue messages as the size limit allows, and reads them back.</summary>
public static class UsageMessageCodec
{
    private static readonly byte[] PlainHeader = HeaderOf(null);
    private static readonly byte[] Footer = "]}"u8.ToArray();

    /// <summary>
    /// Each message is at most <paramref name="maxMessageBytes"/> UTF-8 bytes of ASCII-only JSON, and carries
    /// <paramref name="traceParent"/> (a W3C trace context; anything else is left out) for the consumer's span.
    /// </summary>
    public static List<string> Pack(IEnumerable<UsageEvent> events, int maxMessageBytes, string? traceParent = null)
    {
        // Written back from the parsed context, never as given: TryParse does not check the '-' separators.
        var header = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context)
            ? HeaderOf($"00-{context.TraceId}-{context.SpanId}-{(byte)context.TraceFlags:x2}")
            : PlainHeader;
        var messages = new List<string>();
        var buffer = new ArrayBufferWriter<byte>(maxMessageBytes);
        var count = 0;
        foreach (var usage in events)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(ToWire(usage), BillingJsonContext.Default.UsageMessageEvent);
            if (header.Length + bytes.Length + Footer.Length > maxMessageBytes)
                throw new InvalidOperationException($"Event {usage.Id} alone is larger than {maxMessageBytes} bytes.");
            if (count > 0 && buffer.WrittenCount + 1 + bytes.Length + Footer.Length > maxMessageBytes)
                Flush();
            if (count == 0) buffer.Write(header);
            else buffer.Write(","u8);
            buffer.Write(bytes);
            count++;
        }
        if (count > 0) Flush();
        return messages;

        void Flush()
        {
            buffer.Write(Footer);
            messages.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.Clear();
            count = 0;
        }
    }

    public static IReadOnlyList<UsageEvent> Unpack(ReadOnlySpan<byte> message) => Read(message).Events;

    /// <summary>The events and the trace context a message carries; <see cref="PoisonMessageException"/> when it can never be applied.</summary>
    public static UnpackedMessage Read(ReadOnlySpan<byte> message)
    {
        UsageMessage? decoded;
        try
        {
            decoded = JsonSerializer.Deserialize(message, BillingJsonContext.Default.UsageMessage);
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException($"not a usage message: {e.Message}", e);
        }
        if (decoded is not { Version: UsageMessage.CurrentVersion, Events: { } events })
            throw new PoisonMessageException($"not a version {UsageMessage.CurrentVersion} usage message");
        return new UnpackedMessage(events.Select(FromWire).ToList(), decoded.TraceParent);
    }

    private static byte[] HeaderOf(string? traceParent) => Encoding.UTF8.GetBytes(traceParent is null
        ? $"{{\"v\":{UsageMessage.CurrentVersion},\"events\":["
        : $"{{\"v\":{UsageMessage.CurrentVersion},\"tp\":\"{traceParent}\",\"events\":[");

    private static UsageMessageEvent ToWire(UsageEvent usage) => new()
    {
        Id = usage.Id.Value,
        Status = usage.Status == UsageStatus.Success ? "s" : "f",
        At = usage.OccurredAtEpochSeconds,
        Model = usage.Model,
        Provider = usage.Provider,
        Tokens = [usage.Tokens.Prompt, usage.Tokens.Completion, usage.Tokens.CachedPrompt, usage.Tokens.Reasoning],
        Cost = usage.Cost,
        CacheHit = usage.CacheHit,
        Subjects = usage.Subjects.Select(s => s.ToString()).ToArray(),
        PriceSource = usage.PriceSource == PriceSource.LiteLlm ? null : PriceSources.Name(usage.PriceSource),
        ReservationId = usage.ReservationId,
    };

    private static UsageEvent FromWire(UsageMessageEvent? wire)
    {
        if (wire is null) throw new PoisonMessageException("an event is null");
        if (wire.Id is null || !UsageEventId.IsValid(wire.Id)) throw new PoisonMessageException("an event has no valid id");
        if (wire.Tokens is not { Length: 4 } t || t.Any(n => n < 0)) throw new PoisonMessageException($"event {wire.Id} has invalid token counts");
        if (wire.Cost < 0 || wire.Cost > LiteLlmNormalizer.MaxCost) throw new PoisonMessageException($"event {wire.Id} has a cost out of range");
        if (wire.At < LiteLlmNormalizer.MinEpoch || wire.At >= LiteLlmNormalizer.MaxEpoch) throw new PoisonMessageException($"event {wire.Id} has a time out of range");
        var subjects = new List<SubjectId>();
        foreach (var text in wire.Subjects ?? [])
        {
            if (!SubjectId.TryParse(text, out var subject)) throw new PoisonMessageException($"event {wire.Id} has an invalid subject");
            subjects.Add(subject);
        }
        var status = wire.Status switch
        {
            "s" => UsageStatus.Success,
            "f" => UsageStatus.Failure,
            _ => throw new PoisonMessageException($"event {wire.Id} has an invalid status"),
        };
        var source = PriceSource.LiteLlm;
        if (wire.PriceSource is not null && !PriceSources.TryParse(wire.PriceSource, out source))
            throw new PoisonMessageException($"event {wire.Id} has an invalid price source");
        if (source == PriceSource.Unpriced && wire.Cost != 0) throw new PoisonMessageException($"event {wire.Id} is unpriced but has a cost");
        return new UsageEvent(new UsageEventId(wire.Id), status, wire.At, wire.Model ?? "unknown", wire.Provider,
            new TokenCounts(t[0], t[1], t[2], t[3]), wire.Cost, wire.CacheHit, subjects, source)
        {
            ReservationId = wire.ReservationId is { } r && Domain.Reservations.Hold.IsValidId(r) ? r : null,
        };
    }
}
