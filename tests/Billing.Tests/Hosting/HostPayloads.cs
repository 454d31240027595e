using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Billing.Tests.Hosting;

/// <summary>
/// Invocation bodies built the way the Functions host builds them: values converted by the host's
/// <c>ScriptInvocationContextExtensions.GetHttpScriptInvocationContextValue</c> rules, the HTTP trigger by
/// <c>HttpRequestExtensions.GetRequestAsJObject</c>, the envelope written by Newtonsoft (the host's
/// <c>JsonMediaTypeFormatter</c>) as <c>application/json; charset=utf-8</c>.
/// </summary>
public static class HostPayloads
{
    public const string Namespace = "sb-billing-test.servicebus.windows.net";

    /// <summary>How the Service Bus body reaches <c>Data.msg</c>.</summary>
    public enum BodyEncoding
    {
        /// <summary>What our function.json (no <c>dataType</c>) gets: the string JSON-encoded once more by the host.</summary>
        HostString,

        /// <summary>The JSON text itself as the string value (what a naive or future host might send).</summary>
        SinglyEncoded,

        /// <summary><c>"dataType": "binary"</c>: the raw bytes, which Newtonsoft writes as base64.</summary>
        Binary,
    }

    /// <summary><c>POST /{function}</c> for an <c>httpTrigger</c> named <c>req</c> that is not forwarded.</summary>
    public static HttpContent HttpTrigger(string function, string route, string? body, string? authorization, DateTimeOffset now)
    {
        var headers = new Dictionary<string, string>
        {
            ["Accept"] = "*/*",
            ["Host"] = "func-billing-test.azurewebsites.net",
            ["User-Agent"] = "litellm/1.81.13",
            ["Content-Type"] = "application/json",
        };
        if (body is not null) headers["Content-Length"] = Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture);
        if (authorization is not null) headers["Authorization"] = authorization;

        var request = new JObject
        {
            ["Url"] = $"https://{headers["Host"]}/api/{route}",
            ["Method"] = "POST",
            ["Query"] = new JObject(),
            ["Headers"] = JObject.FromObject(headers.ToDictionary(h => h.Key, h => new[] { h.Value })),
            ["Params"] = new JObject(),
            ["Identities"] = AnonymousIdentities(),
        };
        if (body is { Length: > 0 }) request["Body"] = body;

        var metadata = new Dictionary<string, object?>
        {
            ["Query"] = new Dictionary<string, string>(),
            ["Headers"] = headers,
            ["sys"] = Sys(function, now),
        };
        return Envelope(new JObject { [FunctionJson.TriggerName(function)] = request }, metadata);
    }

    /// <summary><c>POST /{function}</c> for a <c>serviceBusTrigger</c> named <c>msg</c>, with the SB extension 5.x metadata.</summary>
    public static HttpContent ServiceBusTrigger(string function, string body, BodyEncoding encoding, string messageId, int deliveryCount, DateTimeOffset now)
    {
        var data = encoding switch
        {
            BodyEncoding.HostString => HostValue(body),
            BodyEncoding.SinglyEncoded => body,
            BodyEncoding.Binary => HostValue(Encoding.UTF8.GetBytes(body), binary: true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var enqueued = now.AddSeconds(-2);
        var metadata = new Dictionary<string, object?>
        {
            ["MessageReceiver"] = new { },
            ["MessageActions"] = new { },
            ["SessionActions"] = new { },
            ["ReceiveActions"] = new { },
            ["Client"] = new { FullyQualifiedNamespace = Namespace, IsClosed = false, TransportType = 0, Identifier = $"{Namespace}-{Guid.NewGuid()}" },
            ["DeliveryCount"] = deliveryCount,
            ["LockToken"] = Guid.NewGuid().ToString(),
            ["ExpiresAtUtc"] = enqueued.AddDays(14).UtcDateTime,
            ["ExpiresAt"] = enqueued.AddDays(14),
            ["EnqueuedTimeUtc"] = enqueued.UtcDateTime,
            ["EnqueuedTime"] = enqueued,
            ["MessageId"] = messageId,
            ["ContentType"] = "text/plain",
            ["SequenceNumber"] = 42L,
            ["ApplicationProperties"] = new Dictionary<string, object>(),
            ["UserProperties"] = new Dictionary<string, object>(),
        };
        // The extension also promotes the top-level properties of a JSON body into the binding data.
        if (TryParseObject(body) is { } json)
            foreach (var property in json.Properties()) metadata.TryAdd(property.Name, property.Value);
        metadata["sys"] = Sys(function, now);
        return Envelope(new JObject { [FunctionJson.TriggerName(function)] = JToken.FromObject(data) }, metadata);
    }

    /// <summary>
    /// <c>POST /{function}</c> for a <c>timerTrigger</c> named <c>timer</c>: <c>Data.timer</c> is the host's TimerInfo
    /// (<c>ScheduleStatus</c> null on a first run), Metadata only <c>sys</c>.
    /// </summary>
    public static HttpContent TimerTrigger(string function, DateTimeOffset now, bool isPastDue = false, DateTimeOffset? last = null)
    {
        var timer = new JObject
        {
            ["Schedule"] = new JObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = last is { } l
                ? new JObject { ["Last"] = l.UtcDateTime, ["Next"] = now.UtcDateTime, ["LastUpdated"] = l.UtcDateTime }
                : JValue.CreateNull(),
            ["IsPastDue"] = isPastDue,
        };
        return Envelope(new JObject { [FunctionJson.TriggerName(function)] = timer }, new Dictionary<string, object?> { ["sys"] = Sys(function, now) });
    }

    /// <summary>The host's value conversion, including its traps: strings and scalars become JSON text in a string.</summary>
    public static object HostValue(object value, bool binary = false)
    {
        if (value is byte[] bytes) return binary ? bytes : Convert.ToBase64String(bytes);
        if (value is DateTime) return DateTime.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        if (value is DateTimeOffset) return DateTimeOffset.Parse(value.ToString()!, CultureInfo.InvariantCulture);
        try
        {
            return JObject.FromObject(value);
        }
        catch (ArgumentException)
        {
            // Not an object: the host falls back to JsonConvert.SerializeObject.
        }
        return JsonConvert.SerializeObject(value);
    }

    private static StringContent Envelope(JObject data, Dictionary<string, object?> metadata)
    {
        var envelope = new JObject
        {
            ["Data"] = data,
            ["Metadata"] = new JObject(metadata.Where(m => m.Value is not null).Select(m => new JProperty(m.Key, JToken.FromObject(HostValue(m.Value!))))),
        };
        return new StringContent(JsonConvert.SerializeObject(envelope), Encoding.UTF8, "application/json");
    }

    private static object Sys(string function, DateTimeOffset now) =>
        new { MethodName = function, UtcNow = now.UtcDateTime, RandGuid = Guid.NewGuid().ToString() };

    private static JArray AnonymousIdentities() =>
    [
        new JObject
        {
            ["AuthenticationType"] = "WebJobsAuthLevel",
            ["IsAuthenticated"] = true,
            ["Actor"] = null,
            ["BootstrapContext"] = null,
            ["Claims"] = new JArray(new JObject
            {
                ["Type"] = "http://schemas.microsoft.com/2017/07/functions/claims/authlevel",
                ["Value"] = "Anonymous",
                ["ValueType"] = "http://www.w3.org/2001/XMLSchema#string",
                ["Issuer"] = "LOCAL AUTHORITY",
                ["OriginalIssuer"] = "LOCAL AUTHORITY",
                ["Properties"] = new JObject(),
            }),
            ["Label"] = null,
            ["Name"] = null,
            ["NameClaimType"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            ["RoleClaimType"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        },
    ];

    private static JObject? TryParseObject(string body)
    {
        try
        {
            return JToken.Parse(body) as JObject;
        }
        catch (JsonReaderException)
        {
            return null;
        }
    }
}
