using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Hosting;

/// <summary>The UsageWebhook function as the Functions host invokes it: http trigger in, http response and Service Bus messages out.</summary>
public sealed class UsageWebhookInvocationTests(AzuriteFixture azurite)
{
    private const string Function = FunctionNames.UsageWebhook;
    private const string WithNullElement = "01-chat-success.json plus a null element";

    [Fact]
    public async Task Readiness_probe_answers_non_empty_json()
    {
        await using var app = CustomHandlerHost.Start(azurite);

        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(body).RootElement.ValueKind);
    }

    [Theory]
    [InlineData("01-chat-success.json", 1, 0)]
    [InlineData("10-batch-json-array.json", 5, 0)]
    [InlineData("12-odd-long-model-name.json", 1, 0)]
    [InlineData(WithNullElement, 1, 1)]
    public async Task Accepted_body_answers_202_in_res_and_one_compact_json_string_per_message_in_usage(string sample, int accepted, int rejected)
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var body = sample == WithNullElement ? Samples.Read("01-chat-success.json").TrimEnd().TrimEnd(']') + ",null]" : Samples.Read(sample);
        var content = HostPayloads.HttpTrigger(Function, "usage", body, "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        Assert.Equal(["res", "usage"], answer.Outputs.EnumerateObject().Select(p => p.Name));
        var (status, headers, text) = CustomHandlerHost.AssertHttpOutput(answer.Outputs.GetProperty("res"));
        Assert.Equal(202, status);
        Assert.Equal(new Dictionary<string, string> { ["Content-Type"] = "application/json" }, headers);
        var response = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["accepted", "rejected"], response.EnumerateObject().Select(p => p.Name));
        Assert.Equal(accepted, response.GetProperty("accepted").GetInt32());
        Assert.Equal(rejected, response.GetProperty("rejected").GetArrayLength());
        Assert.All(response.GetProperty("rejected").EnumerateArray(), r => Assert.Equal(["index", "field", "error"], r.EnumerateObject().Select(p => p.Name)));

        var usage = answer.Outputs.GetProperty("usage");
        Assert.Equal(JsonValueKind.Array, usage.ValueKind);
        Assert.NotEqual(0, usage.GetArrayLength());
        var events = 0;
        foreach (var element in usage.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, element.ValueKind);
            var message = element.GetString()!;
            AssertCompactUsageMessage(message);
            events += JsonDocument.Parse(message).RootElement.GetProperty("events").GetArrayLength();
        }
        Assert.Equal(accepted, events);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-ingest-key-000")]
    [InlineData("Bearer " + TestKeys.Admin)]
    [InlineData(TestKeys.Ingest)]
    public async Task Missing_or_wrong_key_answers_401_in_res_and_sends_nothing(string? authorization)
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var content = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), authorization, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        CustomHandlerHost.AssertProblemOutput(answer.Outputs.GetProperty("res"), HttpStatusCode.Unauthorized, "Authorization", ("WWW-Authenticate", "Bearer"));
        Assert.Equal(0, answer.Outputs.GetProperty("usage").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"not\": an array")]
    [InlineData("")]
    public async Task Malformed_body_answers_400_naming_body(string body)
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var content = HostPayloads.HttpTrigger(Function, "usage", body, "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        CustomHandlerHost.AssertProblemOutput(answer.Outputs.GetProperty("res"), HttpStatusCode.BadRequest, "body");
        Assert.Equal(0, answer.Outputs.GetProperty("usage").GetArrayLength());
    }

    [Fact]
    public async Task Body_over_the_configured_limit_answers_413_naming_body()
    {
        await using var app = CustomHandlerHost.Start(azurite, new() { ["Webhook:MaxBodyBytes"] = "1024" });
        var content = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        CustomHandlerHost.AssertProblemOutput(answer.Outputs.GetProperty("res"), HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(0, answer.Outputs.GetProperty("usage").GetArrayLength());
    }

    [Fact]
    public async Task Body_within_the_limit_is_not_refused_by_Kestrel_when_the_host_envelope_is_larger()
    {
        // A real Kestrel: its default 30 MB request cap would apply to the whole invocation, whose Data.req.Body is the
        // webhook body JSON-escaped (larger), while Webhook:MaxBodyBytes (32 MiB by default) promises more.
        var port = FreePort();
        await using var app = CustomHandlerHost.Start(azurite, new() { [HostingExtensions.CustomHandlerPortSetting] = port.ToString(CultureInfo.InvariantCulture) });
        using var host = app.WithWebHostBuilder(_ => { });
        host.UseKestrel();
        var element = Samples.Read("01-chat-success.json").Trim().TrimStart('[').TrimEnd(']');
        var body = "[" + string.Join(",", Enumerable.Repeat(element, 28_000_000 / element.Length)) + "]";
        var content = HostPayloads.HttpTrigger(Function, "usage", body, "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);
        Assert.True(content.Headers.ContentLength > 30_000_000, $"envelope is only {content.Headers.ContentLength} bytes");

        var answer = await (await host.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        Assert.Equal(202, CustomHandlerHost.AssertHttpOutput(answer.Outputs.GetProperty("res")).Status);
    }

    [Fact]
    public async Task Outputs_keys_are_exactly_the_output_binding_names_of_function_json()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var accepted = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);
        var refused = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), null, CustomHandlerHost.Now);

        var answers = new[]
        {
            await (await app.CreateClient().InvokeAsync(Function, accepted)).AssertInvocationResultAsync(HttpStatusCode.OK),
            await (await app.CreateClient().InvokeAsync(Function, refused)).AssertInvocationResultAsync(HttpStatusCode.OK),
        };

        var bindings = FunctionJson.OutputNames(Function);
        Assert.Equal(["res", "usage"], bindings.Order(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.Equal(bindings.Order(StringComparer.Ordinal), a.Outputs.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The host base64-decodes any string output that happens to be valid base64, and turns JSON objects into
    /// indented text; a usage message must be compact JSON text in a string, which never parses as base64.
    /// </summary>
    private static void AssertCompactUsageMessage(string message)
    {
        // "tp": the webhook span's W3C trace context, when a span was recorded (README, Observability).
        Assert.Matches("^\\{\"v\":1,(\"tp\":\"00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]\",)?\"events\":\\[\\{", message);
        Assert.EndsWith("}]}", message);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
        Assert.All(message, c => Assert.InRange(c, ' ', '~'));
        Assert.False(Convert.TryFromBase64String(message, new byte[message.Length], out _), "a usage message looks like base64");
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(message).RootElement.ValueKind);
    }
}
