using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>Lago's wire formats: error bodies (<c>lago-api:app/controllers/concerns/api_errors.rb</c>), decimals and times.</summary>
internal static class LagoJson
{
    public static JsonObject Error(int status, string error, string? code = null)
    {
        var body = new JsonObject { ["status"] = status, ["error"] = error };
        if (code is not null) body["code"] = code;
        return body;
    }

    public static JsonObject ValidationErrors(JsonObject details) => new()
    {
        ["status"] = 422,
        ["error"] = "Unprocessable Entity",
        ["code"] = "validation_errors",
        ["error_details"] = details,
    };

    /// <summary>A decimal as Ruby's BigDecimal serialises it in Lago's JSON: <c>"100.0"</c>, <c>"87.66"</c>.</summary>
    public static string Decimal(decimal value) => value.ToString("0.0###########", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC to the second (<c>created_at</c>).</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC to the millisecond (an event's <c>timestamp</c>, <c>iso8601(3)</c>).</summary>
    public static string TimeWithMilliseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? TimeOrNull(DateTimeOffset? value) => value is { } time ? Time(time) : null;

    public static async Task WriteAsync(HttpResponse response, int status, JsonNode body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }
}
