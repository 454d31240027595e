using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Functions.OpenApi;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.OpenApi;

/// <summary>
/// Real requests through Prism to the live app, one or more per documented operation: Prism checks each request and
/// each answer against the document the app served, and must find nothing.
/// </summary>
public sealed class OpenApiContractTests(LiveAppBehindPrism live) : IClassFixture<LiveAppBehindPrism>
{
    private const string Account = """
        {"owners":["ops@acme.example"],"time_zone":"Europe/Berlin","budgets":[{"name":"daily","period":"daily","limit":10},{"name":"monthly","period":"monthly","limit":200,"mode":"soft","alert_thresholds":[0.5,{"amount":150}]}]}
        """;

    [Fact]
    public async Task Every_documented_operation_answers_as_documented()
    {
        var subject = "/api/accounts/team%3Aacme-" + Guid.NewGuid().ToString("N")[..8];
        var seen = new List<string>();
        var failures = new List<string>();
        async Task<JsonElement?> Call(string operationId, HttpMethod method, string path, string key, HttpStatusCode expected, string? body = null, Action<HttpRequestMessage>? headers = null)
        {
            seen.Add(operationId);
            var (response, text, violations) = await live.SendAsync(Request(method, path, key, body, headers));
            if (response.StatusCode != expected) failures.Add($"{operationId}: {method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
            failures.AddRange(violations.Select(v => $"{operationId}: {method} {path}: {v}"));
            return text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : null;
        }

        await Call("postUsage", HttpMethod.Post, "/api/usage", TestKeys.Ingest, HttpStatusCode.Accepted, Samples.Read("10-batch-json-array.json"));
        await Call("putAccount", HttpMethod.Put, subject, TestKeys.Admin, HttpStatusCode.OK, Account);
        await Call("getAccount", HttpMethod.Get, subject, TestKeys.Admin, HttpStatusCode.OK);
        await Call("listAccounts", HttpMethod.Get, "/api/accounts?limit=10", TestKeys.Admin, HttpStatusCode.OK);
        await Call("resetBudget", HttpMethod.Post, subject + "/budgets/daily/reset", TestKeys.Admin, HttpStatusCode.OK);
        await Call("getUsageReport", HttpMethod.Get, subject + "/usage?from=2026-11-01&group_by=model", TestKeys.Admin, HttpStatusCode.OK);
        await Call("getRecentEvents", HttpMethod.Get, subject + "/events?limit=5", TestKeys.Admin, HttpStatusCode.OK);
        await Call("grantCredits", HttpMethod.Post, subject + "/credits", TestKeys.Admin, HttpStatusCode.Created, """{"grant_id":"topup-1","amount":25,"priority":1,"reason":"top-up"}""");
        await Call("getCredits", HttpMethod.Get, subject + "/credits", TestKeys.Admin, HttpStatusCode.OK);
        await Call("getCreditEntries", HttpMethod.Get, subject + "/credits/entries?limit=10", TestKeys.Admin, HttpStatusCode.OK);
        await Call("createDashboardLink", HttpMethod.Post, subject + "/dashboard-link", TestKeys.Admin, HttpStatusCode.OK, """{"valid_for_seconds":3600}""");
        await Call("voidGrant", HttpMethod.Delete, subject + "/credits/topup-1", TestKeys.Admin, HttpStatusCode.OK);
        var team = Uri.UnescapeDataString(subject["/api/accounts/".Length..])[5..];
        var check = await Call("check", HttpMethod.Post, "/api/check", TestKeys.Check, HttpStatusCode.OK,
            $$"""{"subjects":{"team":"{{team}}"},"model":"gpt-4o","estimated_cost":0.02,"reserve":true}""");
        var reservation = check?.TryGetProperty("reservation_id", out var id) == true ? id.GetString() : null;
        await Call("releaseReservation", HttpMethod.Delete, "/api/reservations/" + Uri.EscapeDataString(reservation ?? "missing"), TestKeys.Check, HttpStatusCode.NoContent);
        await Call("guardrail", HttpMethod.Post, "/api/litellm/beta/litellm_basic_guardrail_api", "", HttpStatusCode.OK,
            """{"input_type":"request","litellm_call_id":"call-1","model":"gpt-4o","texts":["hello"],"request_data":{}}""",
            r => r.Headers.Add("x-api-key", TestKeys.Check));
        await Call("putPrice", HttpMethod.Put, "/api/prices/acme-support-ft", TestKeys.Admin, HttpStatusCode.OK, """{"input_per_million":0.2,"output_per_million":0.6}""");
        await Call("getPrice", HttpMethod.Get, "/api/prices/acme-support-ft", TestKeys.Admin, HttpStatusCode.OK);
        await Call("listPrices", HttpMethod.Get, "/api/prices", TestKeys.Admin, HttpStatusCode.OK);
        await Call("runTimer", HttpMethod.Post, "/api/timers/BudgetAlerts/run", TestKeys.Admin, HttpStatusCode.OK);
        await Call("listParkedLagoEvents", HttpMethod.Get, "/api/lago/parked?limit=10", TestKeys.Admin, HttpStatusCode.OK);
        // Lago is not configured here, so no signature can verify: the documented 401 problem.
        await Call("lagoWebhook", HttpMethod.Post, "/api/lago/webhooks", "", HttpStatusCode.Unauthorized, """{"webhook_type":"wallet.depleted_ongoing_balance"}""",
            r => { r.Headers.Add("X-Lago-Signature", "not-a-signature"); r.Headers.Add("X-Lago-Signature-Algorithm", "hmac"); r.Headers.Add("X-Lago-Unique-Key", "k-1"); });

        await Call("live", HttpMethod.Get, "/health/live", TestKeys.Ingest, HttpStatusCode.OK);
        await Call("ready", HttpMethod.Get, "/health/ready", TestKeys.Check, HttpStatusCode.OK);
        await Call("postManualUsage", HttpMethod.Post, "/api/usage/manual", TestKeys.Admin, HttpStatusCode.OK,
            $$"""{"id":"invoice-1","subjects":{"team":"{{team}}"},"model":"gpt-4o","cost":1.25,"prompt_tokens":1000,"completion_tokens":200}""");
        await Call("reconcile", HttpMethod.Post, "/api/reconcile", TestKeys.Admin, HttpStatusCode.OK, """{"limit":10}""");
        // One good element and one without a usable cost: the bad one is quarantined, then listed, shown and replayed (still bad: 422).
        var good = JsonDocument.Parse(Samples.Read("01-chat-success.json")).RootElement[0].GetRawText();
        await Call("postUsage", HttpMethod.Post, "/api/usage", TestKeys.Ingest, HttpStatusCode.Accepted,
            $$"""[{{good}}, {"id":"bad-{{Guid.NewGuid():N}}","call_type":"completion"}]""");
        var quarantined = await Call("listQuarantine", HttpMethod.Get, "/api/quarantine?limit=1000", TestKeys.Admin, HttpStatusCode.OK);
        var item = quarantined?.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).LastOrDefault() ?? "missing";
        await Call("getQuarantinedItem", HttpMethod.Get, "/api/quarantine/" + item, TestKeys.Admin, HttpStatusCode.OK);
        await Call("replayQuarantinedItem", HttpMethod.Post, "/api/quarantine/" + item + "/replay", TestKeys.Admin, HttpStatusCode.UnprocessableEntity);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(ApiOperations.All.Select(o => o.OperationId).Except(seen));
    }

    [Fact]
    public async Task An_invalid_budget_is_a_documented_400_naming_the_field()
    {
        var (response, _, violations) = await live.SendAsync(Request(HttpMethod.Put, "/api/accounts/team%3Abad-period", TestKeys.Admin,
            """{"budgets":[{"name":"daily","period":"fortnightly","limit":10}]}"""));

        Assert.Empty(violations);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "budgets[0].period");
    }

    [Fact]
    public async Task A_wrong_key_is_a_documented_401()
    {
        var (response, _, violations) = await live.SendAsync(Request(HttpMethod.Get, "/api/accounts/team%3Aacme", TestKeys.Check));

        Assert.Empty(violations);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [Theory]
    [InlineData("/api/accounts/team%3Anobody-here", "subject")]
    [InlineData("/api/prices/no-such-model", "model")]
    public async Task An_unknown_resource_is_a_documented_404(string path, string field)
    {
        var (response, _, violations) = await live.SendAsync(Request(HttpMethod.Get, path, TestKeys.Admin));

        Assert.Empty(violations);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, field);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, string? body = null, Action<HttpRequestMessage>? headers = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key.Length > 0) request.Headers.Authorization = new("Bearer", key);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        headers?.Invoke(request);
        return request;
    }

}
