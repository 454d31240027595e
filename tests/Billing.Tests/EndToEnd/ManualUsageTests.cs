using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary><c>POST /api/usage/manual</c>: usage entered by hand, applied to the ledger once per id as <c>manual:&lt;id&gt;</c>.</summary>
public sealed class ManualUsageTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private readonly AzuriteFixture _azurite = azurite;

    private HttpClient Admin => field ??= App.ClientWithKey(TestKeys.Admin);

    private Task<HttpResponseMessage> EnterAsync(object body) => Admin.PostAsJsonAsync("/api/usage/manual", body);

    private Task<HttpResponseMessage> EnterRawAsync(string json) =>
        Admin.PostAsync("/api/usage/manual", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement> LifetimeAsync(string subject) => (await Client.AccountAsync(subject)).GetProperty("lifetime");

    private static object Invoice(string id = "inv-2026-11-07") => new
    {
        id,
        subjects = new { team = "acme", user = "ann" },
        model = "gpt-4o",
        provider = "azure",
        cost = 1.25m,
        prompt_tokens = 1000,
        completion_tokens = 200,
        at = "2026-11-22T11:00:00Z",
    };

    [Fact]
    public async Task An_entry_is_applied_to_each_subject_with_its_cost()
    {
        var entered = await (await EnterAsync(Invoice())).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("{\"id\":\"manual:inv-2026-11-07\",\"applied\":true,\"subjects\":[\"team:acme\",\"user:ann\"],\"cost\":1.25,\"price_source\":\"manual\"}",
            entered.GetRawText());
        foreach (var subject in new[] { "team:acme", "user:ann" })
        {
            var lifetime = await LifetimeAsync(subject);
            Assert.Equal((1.25m, 1L, 1200L), (lifetime.GetProperty("spent").GetDecimal(), lifetime.GetProperty("requests").GetInt64(),
                lifetime.GetProperty("tokens").GetProperty("total").GetInt64()));
        }
        var events = await (await Client.GetEventsAsync("team:acme")).AssertJsonAsync(HttpStatusCode.OK);
        var recent = Assert.Single(events.GetProperty("events").EnumerateArray());
        Assert.Equal(("manual:inv-2026-11-07", "2026-11-22T11:00:00+00:00", "azure"),
            (recent.GetProperty("id").GetString(), recent.GetProperty("at").GetString(), recent.GetProperty("provider").GetString()));
    }

    [Fact]
    public async Task The_same_id_again_applies_nothing()
    {
        await (await EnterAsync(Invoice())).AssertJsonAsync(HttpStatusCode.OK);
        var before = (await LifetimeAsync("team:acme")).GetRawText();

        var again = await (await EnterAsync(Invoice())).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(again.GetProperty("applied").GetBoolean());
        Assert.Equal("manual:inv-2026-11-07", again.GetProperty("id").GetString());
        Assert.Equal(before, (await LifetimeAsync("team:acme")).GetRawText());
    }

    [Fact]
    public async Task The_same_id_with_other_subjects_is_a_409_naming_id_and_applies_nothing()
    {
        await (await EnterAsync(new { id = "inv-7", subjects = new { team = "a" }, model = "m", cost = 100m })).AssertJsonAsync(HttpStatusCode.OK);

        var again = await EnterAsync(new { id = "inv-7", subjects = new { team = "b" }, model = "m", cost = 100m });

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "id");
        Assert.Contains("ids are single-use", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync("team:b")).StatusCode);
        Assert.Equal(100m, (await LifetimeAsync("team:a")).GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task The_same_id_with_another_cost_is_a_409_naming_id()
    {
        await (await EnterAsync(Invoice())).AssertJsonAsync(HttpStatusCode.OK);
        var before = (await LifetimeAsync("team:acme")).GetRawText();

        var again = await EnterRawAsync("{\"id\":\"inv-2026-11-07\",\"subjects\":{\"team\":\"acme\",\"user\":\"ann\"},\"model\":\"gpt-4o\",\"cost\":2}");

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "id");
        Assert.Equal(before, (await LifetimeAsync("team:acme")).GetRawText());
    }

    [Fact]
    public async Task The_same_body_without_at_later_answers_what_was_stored_and_applies_nothing()
    {
        var body = new { id = "batch-1", subjects = new { team = "acme" }, model = "m", cost = 0.5m };
        var first = await (await EnterAsync(body)).AssertJsonAsync(HttpStatusCode.OK);
        App.Time.Advance(TimeSpan.FromHours(2));

        var again = await (await EnterAsync(body)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(again.GetProperty("applied").GetBoolean());
        Assert.Equal(first.GetRawText().Replace("\"applied\":true", "\"applied\":false"), again.GetRawText());
        Assert.Equal(1L, (await LifetimeAsync("team:acme")).GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_retry_after_a_failure_between_the_id_and_the_ledger_completes_the_entry()
    {
        var crash = new FailFirstBatch();
        await using var app = new BillingApp(_azurite, Now, services: s => s.AddSingleton(crash.Options()));
        var admin = app.ClientWithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.PostAsJsonAsync("/api/usage/manual", Invoice())).StatusCode);

        var retried = await (await admin.PostAsJsonAsync("/api/usage/manual", Invoice())).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(retried.GetProperty("applied").GetBoolean());
        Assert.Equal(1.25m, (await new BillingClient(app).AccountAsync("team:acme")).GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Without_a_cost_the_tokens_are_priced_from_the_price_book()
    {
        await new PricesClient(App).SetAsync("gpt-4o", 2.5m, 10m);

        var entered = await (await EnterAsync(new { subjects = new { team = "acme" }, model = "openai/gpt-4o", prompt_tokens = 1000, completion_tokens = 100 }))
            .AssertJsonAsync(HttpStatusCode.OK);

        // (1000 × 2.5 + 100 × 10) / 1,000,000
        Assert.Equal((0.0035m, "price_book"), (entered.GetProperty("cost").GetDecimal(), entered.GetProperty("price_source").GetString()));
        Assert.Equal(0.0035m, (await LifetimeAsync("team:acme")).GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Without_a_cost_or_a_price_the_entry_counts_at_0_unpriced_under_a_new_id()
    {
        var entered = await (await EnterAsync(new { subjects = new { team = "acme" }, model = "in-house-model", prompt_tokens = 10 }))
            .AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal((0m, "unpriced"), (entered.GetProperty("cost").GetDecimal(), entered.GetProperty("price_source").GetString()));
        Assert.True(Guid.TryParse(entered.GetProperty("id").GetString()!["manual:".Length..], out _));
        Assert.Equal(1L, (await LifetimeAsync("team:acme")).GetProperty("requests").GetInt64());
    }

    [Theory]
    [InlineData("{\"model\":\"m\"}", "subjects")]
    [InlineData("{\"subjects\":{\"team\":\"\"},\"model\":\"m\"}", "subjects")]
    [InlineData("{\"subjects\":{\"squad\":\"x\"},\"model\":\"m\"}", "subjects.squad")]
    [InlineData("{\"subjects\":{\"team\":\"x\"}}", "model")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"cost\":-1}", "cost")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"cost\":\"1\"}", "cost")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"cost\":0.0000000001}", "cost")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"prompt_tokens\":-1}", "prompt_tokens")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"completion_tokens\":1.5}", "completion_tokens")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"prompt_tokens\":5,\"cached_prompt_tokens\":6}", "cached_prompt_tokens")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"reasoning_tokens\":1}", "reasoning_tokens")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"at\":\"yesterday\"}", "at")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"at\":\"2026-11-22\"}", "at")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"at\":\"2026-11-22T12:05:01Z\"}", "at")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"status\":\"ok\"}", "status")]
    [InlineData("{\"id\":\"\",\"subjects\":{\"team\":\"x\"},\"model\":\"m\"}", "id")]
    [InlineData("{\"id\":\"a\\u0000b\",\"subjects\":{\"team\":\"x\"},\"model\":\"m\"}", "id")]
    [InlineData("{\"subjects\":{\"team\":\"x\"},\"model\":\"m\",\"provider\":7}", "provider")]
    [InlineData("", "body")]
    public async Task A_malformed_entry_is_a_400_naming_the_field_and_applies_nothing(string body, string field)
    {
        var response = await EnterRawAsync(body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync("team:x")).StatusCode);
    }

    [Fact]
    public async Task An_id_longer_than_256_characters_is_a_400_naming_id()
    {
        var response = await EnterAsync(new { id = new string('a', 257), subjects = new { team = "x" }, model = "m" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task At_up_to_five_minutes_ahead_is_accepted()
    {
        var entered = await EnterAsync(new { subjects = new { team = "acme" }, model = "m", cost = 0.5m, at = "2026-11-22T12:05:00Z", status = "failure" });

        var body = await entered.AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0m, (await LifetimeAsync("team:acme")).GetProperty("spent").GetDecimal());
        Assert.True(body.GetProperty("applied").GetBoolean());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(TestKeys.Ingest)]
    [InlineData(TestKeys.Check)]
    public async Task Manual_entry_needs_the_admin_key(string? key)
    {
        var client = App.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await client.PostAsJsonAsync("/api/usage/manual", Invoice());

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }
}
