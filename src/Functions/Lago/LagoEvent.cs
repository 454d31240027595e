using System.Globalization;
using System.Text.Json.Serialization;

namespace Billing.Functions.Lago;

/// <summary>
/// One usage event as Lago's <c>EventInputObject</c> takes it (spec 1.51.0). Numbers travel as strings on purpose:
/// Lago parses <c>timestamp</c> and the amount with <c>BigDecimal</c>, and the spec's <c>oneOf</c> for integers trips
/// strict validators (Prism). Keep <see cref="Timestamp"/> the same on every retry: with Lago's ClickHouse store an
/// event is identified by <c>transaction_id</c> and <c>timestamp</c> together.
/// </summary>
public sealed record LagoEvent
{
    /// <param name="transactionId">The idempotency key; Postgres stores reject a repeat within the subscription.</param>
    /// <param name="externalSubscriptionId">The subscription's <c>external_id</c> the event is billed to.</param>
    /// <param name="code">The billable metric code.</param>
    /// <param name="timestamp">Unix seconds, optionally with decimals for milliseconds: <c>"1716200000"</c>, <c>"1716200000.123"</c> (see <see cref="TimestampOf"/>).</param>
    /// <param name="preciseTotalAmountCents">A decimal number of cents (<c>"0.625"</c>) for the <c>dynamic</c> charge model, or null.</param>
    /// <param name="properties">The metric's properties, values as strings, copied in order; null or empty sends none.</param>
    public LagoEvent(
        string transactionId,
        string externalSubscriptionId,
        string code,
        string timestamp,
        string? preciseTotalAmountCents = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        TransactionId = NotBlank(transactionId, nameof(transactionId));
        ExternalSubscriptionId = NotBlank(externalSubscriptionId, nameof(externalSubscriptionId));
        Code = NotBlank(code, nameof(code));
        if (!IsDecimalText(timestamp, allowSign: false))
            throw new ArgumentException("must be Unix seconds such as \"1716200000\" or \"1716200000.123\"", nameof(timestamp));
        Timestamp = timestamp;
        if (preciseTotalAmountCents is not null && !IsDecimalText(preciseTotalAmountCents, allowSign: true))
            throw new ArgumentException("must be a decimal number of cents such as \"0.625\"", nameof(preciseTotalAmountCents));
        PreciseTotalAmountCents = preciseTotalAmountCents;
        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                if (string.IsNullOrEmpty(key) || value is null)
                    throw new ArgumentException("keys must not be empty and values must not be null", nameof(properties));
            }
        }
        Properties = properties is { Count: > 0 } ? properties.ToDictionary(StringComparer.Ordinal).AsReadOnly() : null;
    }

    public string TransactionId { get; }

    public string ExternalSubscriptionId { get; }

    public string Code { get; }

    public string Timestamp { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PreciseTotalAmountCents { get; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Properties { get; }

    /// <summary>
    /// The one spelling of a time as Lago's <c>timestamp</c>: whole Unix seconds, plus three decimals when the time has
    /// milliseconds (<c>"1716200000"</c>, <c>"1716200000.123"</c>). Finer digits are dropped, so the same instant always
    /// gives the same text.
    /// </summary>
    public static string TimestampOf(DateTimeOffset at)
    {
        var milliseconds = at.ToUnixTimeMilliseconds();
        if (milliseconds < 0) throw new ArgumentOutOfRangeException(nameof(at), at, "must not be before 1970");
        var seconds = Math.DivRem(milliseconds, 1000, out var fraction);
        return fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D3}");
    }

    private static string NotBlank(string value, string paramName) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", paramName) : value;

    /// <summary>Digits, then optionally a point and more digits; a leading minus when <paramref name="allowSign"/>.</summary>
    private static bool IsDecimalText(string? text, bool allowSign)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var digits = allowSign && text[0] == '-' ? text.AsSpan(1) : text.AsSpan();
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "1".AsSpan() : digits[(point + 1)..];
        return whole.Length > 0 && fraction.Length > 0
            && !whole.ContainsAnyExceptInRange('0', '9') && !fraction.ContainsAnyExceptInRange('0', '9');
    }
}
