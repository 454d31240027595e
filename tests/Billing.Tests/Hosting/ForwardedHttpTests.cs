using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Hosting;

/// <summary>
/// Check, Accounts and Prices are http-in/http-out functions, which the host forwards as-is (enableForwardingHttpRequest):
/// same method, original <c>/api/...</c> path and query (with the <c>code</c> key), all headers plus its own.
/// </summary>
public sealed class ForwardedHttpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Account_put_and_get_are_served_on_the_forwarded_routes()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();

        var put = await client.SendAsync(Forwarded(HttpMethod.Put, "/api/accounts/team%3Aacme", TestKeys.Admin,
            "{\"owners\":[\"ops@acme.example\"],\"budgets\":[{\"name\":\"monthly\",\"limit\":10,\"period\":\"monthly\"}]}"));
        await put.AssertJsonAsync(HttpStatusCode.OK);
        var get = await client.SendAsync(Forwarded(HttpMethod.Get, "/api/accounts/team%3Aacme", TestKeys.Admin, null));

        var account = await get.AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("team:acme", account.GetProperty("subject").GetString());
        Assert.True(account.GetProperty("has_account").GetBoolean());
        Assert.Equal(10m, account.GetProperty("budgets")[0].GetProperty("limit").GetDecimal());
        Assert.Equal("monthly", account.GetProperty("budgets")[0].GetProperty("period").GetString());
    }

    [Fact]
    public async Task Account_list_usage_and_events_are_served_on_the_forwarded_route()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();
        await (await client.SendAsync(Forwarded(HttpMethod.Put, "/api/accounts/team%3Aacme", TestKeys.Admin, "{\"time_zone\":\"Europe/Berlin\"}"))).AssertJsonAsync(HttpStatusCode.OK);

        var list = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/accounts", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);
        var usage = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/accounts/team%3Aacme/usage", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);
        var events = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/accounts/team%3Aacme/events", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("team:acme", Assert.Single(list.GetProperty("accounts").EnumerateArray()).GetProperty("subject").GetString());
        Assert.Equal("Europe/Berlin", usage.GetProperty("time_zone").GetString());
        Assert.Empty(events.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Manual_usage_and_the_quarantine_replay_apply_to_the_ledger_on_their_forwarded_routes()
    {
        // A forwarded request cannot write the Service Bus output binding: both apply through the ledger writer directly.
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();
        await app.Services.GetRequiredService<Billing.Functions.Storage.QuarantineStore>().SaveAsync(
            [new Billing.Functions.Storage.QuarantinedItem(Billing.Functions.Storage.QuarantinedItem.Webhook, 0, "test", Samples.Read("01-chat-success.json").Trim()[1..^1])], default);

        var entered = await (await client.SendAsync(Forwarded(HttpMethod.Post, "/api/usage/manual", TestKeys.Admin,
            "{\"id\":\"inv-1\",\"subjects\":{\"team\":\"team-acme\"},\"model\":\"gpt-4o\",\"cost\":1}"))).AssertJsonAsync(HttpStatusCode.OK);
        var list = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/quarantine", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);
        var id = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString();
        var replayed = await (await client.SendAsync(Forwarded(HttpMethod.Post, $"/api/quarantine/{id}/replay", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);
        var account = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/accounts/team%3Ateam-acme", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(entered.GetProperty("applied").GetBoolean());
        Assert.Equal(2, replayed.GetProperty("applied").GetInt32());
        Assert.Equal(1.0065m, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Check_is_served_on_its_forwarded_route()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();
        await (await client.SendAsync(Forwarded(HttpMethod.Put, "/api/accounts/team%3Aacme", TestKeys.Admin,
            "{\"budgets\":[{\"name\":\"total\",\"limit\":1,\"period\":\"total\"}]}"))).AssertJsonAsync(HttpStatusCode.OK);

        var response = await client.SendAsync(Forwarded(HttpMethod.Post, "/api/check", TestKeys.Check,
            "{\"subjects\":{\"team\":\"acme\"},\"model\":\"gpt-4o\",\"estimated_cost\":0.02}"));

        var check = await response.AssertJsonAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("allowed").GetBoolean());
        var subject = Assert.Single(check.GetProperty("subjects").EnumerateArray());
        Assert.Equal("team:acme", subject.GetProperty("subject").GetString());
        Assert.Equal(1m, subject.GetProperty("windows")[0].GetProperty("limit").GetDecimal());
    }

    [Fact]
    public async Task Price_put_and_list_are_served_on_the_forwarded_routes()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();

        await (await client.SendAsync(Forwarded(HttpMethod.Put, "/api/prices/openai%2Fgpt-4o", TestKeys.Admin,
            "{\"input_per_million\":2.5,\"output_per_million\":10}"))).AssertJsonAsync(HttpStatusCode.OK);
        var list = await (await client.SendAsync(Forwarded(HttpMethod.Get, "/api/prices", TestKeys.Admin, null))).AssertJsonAsync(HttpStatusCode.OK);

        var price = Assert.Single(list.GetProperty("prices").EnumerateArray());
        Assert.Equal(("openai/gpt-4o", 2.5m), (price.GetProperty("model").GetString(), price.GetProperty("input_per_million").GetDecimal()));
    }

    [Fact]
    public async Task Forwarded_routes_still_require_their_key()
    {
        await using var app = CustomHandlerHost.Start(azurite);

        var response = await app.CreateClient().SendAsync(Forwarded(HttpMethod.Post, "/api/check", TestKeys.Ingest, "{\"subjects\":{\"team\":\"acme\"}}"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Custom_handler_mode_serves_the_webhook_only_as_a_function()
    {
        await using var app = CustomHandlerHost.Start(azurite);

        var response = await app.CreateClient().SendAsync(Forwarded(HttpMethod.Post, "/api/usage", TestKeys.Ingest, Samples.Read("01-chat-success.json")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(FunctionNames.UsageWebhook)]
    [InlineData(FunctionNames.UsageIngest)]
    public async Task Standalone_mode_does_not_serve_the_function_routes(string function)
    {
        await using var app = new BillingApp(azurite, CustomHandlerHost.Now);

        var response = await app.CreateClient().InvokeAsync(function, new StringContent("{\"Data\":{},\"Metadata\":{}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A request as the host forwards it: the caller's path with <c>?code=</c>, its headers, and the host's own.</summary>
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string key, string? body)
    {
        var request = new HttpRequestMessage(method, path + "?code=function-key-from-caller");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7:51234");
        request.Headers.Add("X-Original-URL", path + "?code=function-key-from-caller");
        CustomHandlerHost.AddHostHeaders(request);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}
