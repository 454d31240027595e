using System.Text;
using System.Text.Json;

namespace Billing.Functions.Lago;

/// <summary>
/// The claims of a Lago webhook JWT that the verifier checks, read with <see cref="Utf8JsonReader"/> (no reflection).
/// Lago signs <c>{"data": payload.to_json, "iss": ENV["LAGO_API_URL"]}</c> and nothing else (lago-api
/// <c>app/models/webhook.rb</c>, <c>Webhook#jwt_signature</c>): <c>data</c> is always a JSON <em>string</em> holding the
/// exact text that is sent as the body, and there is no <c>exp</c>, <c>nbf</c> or <c>iat</c>. A claim that appears twice
/// is a <see cref="Problem"/>, so no reader can see a different value than this one.
/// </summary>
internal readonly record struct LagoJwtClaims(bool DataMatchesBody, string? Issuer, double? ExpiresAt, double? NotBefore, string? Problem)
{
    /// <summary>Reads the payload of a JWT whose signature holds. Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static LagoJwtClaims Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Failed("the JWT payload is not a JSON object");
        bool? dataMatches = null;
        string? issuer = null;
        double? expiresAt = null, notBefore = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                if (dataMatches is not null) return Failed("the JWT repeats its data claim");
                reader.Read();
                // Lago sends a string; an object whose text happens to equal the body is not what Lago signs.
                if (reader.TokenType != JsonTokenType.String) return Failed("the JWT data claim is not a string");
                if (Text(ref reader) is not { } data) return Failed("the JWT data claim is not valid text");
                dataMatches = data.Span.SequenceEqual(body);
            }
            else if (reader.ValueTextEquals("iss"u8))
            {
                if (issuer is not null) return Failed("the JWT repeats its iss claim");
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || Text(ref reader) is not { } text) return Failed("the JWT iss claim is not a string");
                issuer = Encoding.UTF8.GetString(text.Span);
            }
            else if (reader.ValueTextEquals("exp"u8))
            {
                if (expiresAt is not null) return Failed("the JWT repeats its exp claim");
                if (NumericDate(ref reader) is not { } seconds) return Failed("the JWT exp claim is not a number");
                expiresAt = seconds;
            }
            else if (reader.ValueTextEquals("nbf"u8))
            {
                if (notBefore is not null) return Failed("the JWT repeats its nbf claim");
                if (NumericDate(ref reader) is not { } seconds) return Failed("the JWT nbf claim is not a number");
                notBefore = seconds;
            }
            else
            {
                reader.Skip();
            }
        }
        // Reading past the closing brace throws when anything but whitespace follows it.
        reader.Read();
        if (dataMatches is null) return Failed("the JWT has no data claim");
        return new(dataMatches.Value, issuer, expiresAt, notBefore, null);
    }

    private static LagoJwtClaims Failed(string problem) => new(false, null, null, null, problem);

    /// <summary>The unescaped UTF-8 of the string the reader is on, or <see langword="null"/> when it escapes a lone surrogate.</summary>
    private static ReadOnlyMemory<byte>? Text(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.ValueSpan.Length]; // unescaping never lengthens
        try
        {
            var written = reader.CopyString(buffer);
            return buffer.AsMemory(0, written);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static double? NumericDate(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds) && double.IsFinite(seconds) ? seconds : null;
    }
}
