using System.Net;
using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Hosting;

/// <summary>
/// The app in custom-handler mode (as started by the Functions host, which sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>),
/// and the host's side of the protocol: invoke a function, check the invocation result envelope.
/// </summary>
public static class CustomHandlerHost
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795170227);

    public static BillingApp Start(AzuriteFixture azurite, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { [HostingExtensions.CustomHandlerPortSetting] = "7071" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return new BillingApp(azurite, Now, all);
    }

    /// <summary>What the host sends: <c>POST /{function}</c> with its invocation headers.</summary>
    public static Task<HttpResponseMessage> InvokeAsync(this HttpClient client, string function, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = content };
        AddHostHeaders(request);
        return client.SendAsync(request);
    }

    public static void AddHostHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1037.0.0");
    }

    /// <summary>
    /// Asserts the response is an invocation result the host can read: the status, <c>application/json</c>, and
    /// exactly <c>Outputs</c> (object), <c>Logs</c> (array of strings) and <c>ReturnValue</c> (null, no <c>$return</c> binding).
    /// </summary>
    public static async Task<InvocationAnswer> AssertInvocationResultAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var root = await response.AssertJsonAsync(status);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
        var logs = root.GetProperty("Logs");
        Assert.Equal(JsonValueKind.Array, logs.ValueKind);
        Assert.All(logs.EnumerateArray(), l => Assert.Equal(JsonValueKind.String, l.ValueKind));
        return new InvocationAnswer(root.GetProperty("Outputs"), logs.EnumerateArray().Select(l => l.GetString()!).ToList());
    }

    /// <summary>An <c>http</c> output binding value: exactly statusCode (number), headers (single strings) and body (text).</summary>
    public static (int Status, Dictionary<string, string> Headers, string Body) AssertHttpOutput(JsonElement res)
    {
        Assert.Equal(["statusCode", "headers", "body"], res.EnumerateObject().Select(p => p.Name));
        var headers = res.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!);
        return (res.GetProperty("statusCode").GetInt32(), headers, res.GetProperty("body").GetString()!);
    }

    /// <summary>An RFC 9457 problem carried in <c>Outputs.res</c>; returns its parsed body.</summary>
    public static JsonElement AssertProblemOutput(JsonElement res, HttpStatusCode status, string field, params (string Name, string Value)[] extraHeaders)
    {
        var (code, headers, body) = AssertHttpOutput(res);
        Assert.Equal((int)status, code);
        var expected = new Dictionary<string, string> { ["Content-Type"] = "application/problem+json" };
        foreach (var (name, value) in extraHeaders) expected[name] = value;
        Assert.Equal(expected, headers);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"problem does not name '{field}': {body}");
        return problem;
    }

    /// <summary>Runs the webhook function and returns the Service Bus messages it asked the host to send.</summary>
    public static async Task<IReadOnlyList<string>> WebhookMessagesAsync(this HttpClient client, string body)
    {
        var content = HostPayloads.HttpTrigger(FunctionNames.UsageWebhook, "usage", body, "Bearer " + TestKeys.Ingest, Now);
        var answer = await (await client.InvokeAsync(FunctionNames.UsageWebhook, content)).AssertInvocationResultAsync(HttpStatusCode.OK);
        return answer.Outputs.GetProperty("usage").EnumerateArray().Select(m => m.GetString()!).ToList();
    }
}

public sealed record InvocationAnswer(JsonElement Outputs, IReadOnlyList<string> Logs);
