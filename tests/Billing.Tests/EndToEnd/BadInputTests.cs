using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary>Every input path answers bad input with a status and an RFC 9457 problem that names the field.</summary>
public sealed class BadInputTests(AzuriteFixture azurite) : AppTest(azurite, new() { ["Webhook:MaxBodyBytes"] = "65536", ["Check:UnknownSubjects"] = "Deny" })
{
    [Fact]
    public async Task Malformed_json_is_rejected_naming_the_body()
    {
        var problem = await (await Client.PostUsageAsync("[{\"id\": \"x\",")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");

        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_webhook_body_is_rejected()
    {
        await (await Client.PostUsageAsync("")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Empty_array_has_nothing_usable()
    {
        await (await Client.PostUsageAsync("[]")).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Batch_with_nothing_usable_is_rejected_naming_each_element()
    {
        var problem = await (await Client.PostUsageAsync(Samples.Read("13-robustness-null-element-and-nulls.json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "[0].element");

        Assert.True(problem.GetProperty("errors").TryGetProperty("[1].metadata", out _));
        Assert.Equal(2, problem.GetProperty("rejected").GetArrayLength());
    }

    [Fact]
    public async Task Legacy_v1_payload_is_rejected_cleanly_and_quarantined()
    {
        var problem = await (await Client.PostUsageAsync(Samples.Read("14-legacy-v1-payload.json"))).AssertProblemAsync(HttpStatusCode.BadRequest, "[0].element");

        Assert.Contains("generic_api_use_v1", problem.GetRawText());
        var quarantined = await App.Services.GetRequiredService<Billing.Functions.Storage.QuarantineStore>().ListAsync(App.Time.GetUtcNow(), default);
        Assert.Contains("chatcmpl-IvK8l9z0x1c2v3b4n5m6QwErT", Billing.Functions.Storage.QuarantineStore.ReadRaw(Assert.Single(quarantined)));
    }

    [Fact]
    public async Task Wrong_types_in_an_element_name_the_field()
    {
        var body = Samples.Read("01-chat-success.json").Replace("\"response_cost\": 0.0065", "\"response_cost\": \"0.0065\"");

        await (await Client.PostUsageAsync(body)).AssertProblemAsync(HttpStatusCode.BadRequest, "[0].response_cost");
    }

    [Fact]
    public async Task Oversized_body_is_rejected_with_413()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat(Samples.Read("01-chat-success.json").Trim()[1..^1], 20)) + "]";

        await (await Client.PostUsageAsync(big)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Oversized_chunked_body_without_length_is_rejected_with_413()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat(Samples.Read("01-chat-success.json").Trim()[1..^1], 20)) + "]";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/usage") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Ingest);

        await (await App.CreateClient().SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Theory]
    [InlineData("/api/usage", null)]
    [InlineData("/api/usage", TestKeys.Check)]
    [InlineData("/api/check", TestKeys.Ingest)]
    [InlineData("/api/accounts/team:acme", TestKeys.Check)]
    [InlineData("/api/accounts/team:acme", "admin-key-for-tests-00001x")]
    [InlineData("/api/accounts", TestKeys.Check)]
    [InlineData("/api/accounts/team:acme/usage", TestKeys.Check)]
    [InlineData("/api/accounts/team:acme/events", null)]
    public async Task Wrong_key_is_rejected_with_401(string path, string? key)
    {
        var client = key is null ? App.CreateClient() : App.ClientWithKey(key);
        var request = new HttpRequestMessage(path.Contains("accounts") ? HttpMethod.Get : HttpMethod.Post, path)
        {
            Content = path.Contains("accounts") ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Check_without_body_is_rejected()
    {
        var client = App.ClientWithKey(TestKeys.Check);

        await (await client.PostAsync("/api/check", new StringContent("", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Check_with_wrong_type_names_the_field()
    {
        var client = App.ClientWithKey(TestKeys.Check);
        var body = new StringContent("{\"subjects\":{\"team\":\"acme\"},\"estimated_cost\":\"lots\"}", Encoding.UTF8, "application/json");

        await (await client.PostAsync("/api/check", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "estimated_cost");
    }

    [Fact]
    public async Task Check_with_an_unknown_subject_kind_names_it()
    {
        await (await Client.CheckAsync(new { subjects = new { tenant = "acme" } })).AssertProblemAsync(HttpStatusCode.BadRequest, "subjects.tenant");
    }

    [Fact]
    public async Task Check_without_subjects_is_rejected()
    {
        await (await Client.CheckAsync(new { model = "gpt-4o" })).AssertProblemAsync(HttpStatusCode.BadRequest, "subjects");
    }

    [Fact]
    public async Task Check_with_negative_estimate_is_rejected()
    {
        await (await Client.CheckAsync(new { subjects = new { team = "acme" }, estimated_cost = -1 })).AssertProblemAsync(HttpStatusCode.BadRequest, "estimated_cost");
    }

    [Fact]
    public async Task Unknown_subject_is_denied_when_the_policy_says_so()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { team = "never-seen" } })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(result.GetProperty("allowed").GetBoolean());
        Assert.Contains("team:never-seen has no account", result.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Element_with_a_lone_surrogate_is_quarantined_not_a_server_error()
    {
        var body = Samples.Read("01-chat-success.json").Replace("\"end_user\": \"\"", "\"end_user\": \"\\ud800\"");

        await (await Client.PostUsageAsync(body)).AssertProblemAsync(HttpStatusCode.BadRequest, "[0].end_user");

        var quarantined = await App.Services.GetRequiredService<Billing.Functions.Storage.QuarantineStore>().ListAsync(App.Time.GetUtcNow(), default);
        Assert.Contains("\\ud800", Billing.Functions.Storage.QuarantineStore.ReadRaw(Assert.Single(quarantined)));
    }
}
