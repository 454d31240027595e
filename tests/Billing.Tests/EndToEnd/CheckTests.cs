using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class CheckTests(AzuriteFixture azurite) : AppTest(azurite)
{

    public override async ValueTask InitializeAsync()
    {
        await (await Client.PutAccountAsync("team:team-acme", new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "monthly", period = "monthly", limit = 0.17m } } }))
            .AssertJsonAsync(HttpStatusCode.OK);
        foreach (var sample in SampleLedgerTests.Usable)
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
    }

    [Fact]
    public async Task Check_allows_within_budget_and_reports_the_remaining_amount()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, model = "gpt-4o", estimated_cost = 0.001m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("allowed").GetBoolean());
        var subject = result.GetProperty("subjects")[0];
        Assert.Equal("team:team-acme", subject.GetProperty("subject").GetString());
        var window = Assert.Single(subject.GetProperty("windows").EnumerateArray());
        Assert.Equal("monthly", window.GetProperty("name").GetString());
        Assert.Equal("hard", window.GetProperty("mode").GetString());
        Assert.Equal(0.17m, window.GetProperty("limit").GetDecimal());
        Assert.Equal(0.168660248m, window.GetProperty("used").GetDecimal());
        Assert.Equal(0.001339752m, window.GetProperty("remaining").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), window.GetProperty("period_end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Check_denies_when_team_budget_would_be_exceeded()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { key = SampleLedgerTests.KeyHash, team = "team-acme" }, estimated_cost = 0.02m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(result.GetProperty("allowed").GetBoolean());
        Assert.Contains("team:team-acme", result.GetProperty("reason").GetString());
        Assert.Contains("\"monthly\"", result.GetProperty("reason").GetString());
        Assert.Equal("team:team-acme", result.GetProperty("denied_by").GetProperty("subject").GetString());
        Assert.Equal("monthly", result.GetProperty("denied_by").GetProperty("window").GetString());
        Assert.Equal(2, result.GetProperty("subjects").GetArrayLength());
    }

    [Fact]
    public async Task Subject_without_budget_is_unlimited()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { key = SampleLedgerTests.KeyHash }, estimated_cost = 1000m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("allowed").GetBoolean());
        var subject = result.GetProperty("subjects")[0];
        Assert.False(subject.GetProperty("has_account").GetBoolean());
        Assert.Equal(0, subject.GetProperty("windows").GetArrayLength());
    }

    [Fact]
    public async Task A_new_month_starts_at_zero_without_any_timer()
    {
        App.Time.Advance(TimeSpan.FromDays(9));

        var result = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, estimated_cost = 0.1m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("allowed").GetBoolean());
        Assert.Equal(0m, result.GetProperty("subjects")[0].GetProperty("windows")[0].GetProperty("used").GetDecimal());
        var account = await Client.AccountAsync("team:team-acme");
        Assert.Equal(0.168660248m, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Every_window_is_evaluated_soft_ones_allow_and_model_filters_select_their_models()
    {
        await (await Client.PutAccountAsync("team:team-acme", new
        {
            budgets = new object[]
            {
                new { name = "monthly", period = "monthly", limit = 100m },
                new { name = "soft", period = "monthly", limit = 0.01m, mode = "soft" },
                new { name = "gpt4o", period = "monthly", limit = 0.0001m, models = new[] { "gpt-4o" } },
                new { name = "tokens", period = "weekly", metric = "tokens", limit = 1_000_000 },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);

        var otherModel = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, model = "claude-3-5-sonnet", estimated_cost = 0.01m })).AssertJsonAsync(HttpStatusCode.OK);
        var gpt4o = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, model = "gpt-4o", estimated_cost = 0.01m })).AssertJsonAsync(HttpStatusCode.OK);
        var tooManyTokens = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, model = "claude-3-5-sonnet", estimated_tokens = 2_000_000 })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(otherModel.GetProperty("allowed").GetBoolean());
        var windows = otherModel.GetProperty("subjects")[0].GetProperty("windows");
        Assert.Equal(4, windows.GetArrayLength());
        Assert.False(windows[2].GetProperty("applies").GetBoolean());
        Assert.True(windows[1].GetProperty("used").GetDecimal() > windows[1].GetProperty("limit").GetDecimal());
        Assert.False(gpt4o.GetProperty("allowed").GetBoolean());
        Assert.Equal("gpt4o", gpt4o.GetProperty("denied_by").GetProperty("window").GetString());
        Assert.False(tooManyTokens.GetProperty("allowed").GetBoolean());
        Assert.Equal("tokens", tooManyTokens.GetProperty("denied_by").GetProperty("window").GetString());
    }

    [Fact]
    public async Task Rotated_check_key_is_accepted_too()
    {
        var client = App.ClientWithKey(TestKeys.CheckRotated);

        var response = await client.PostAsync("/api/check", System.Net.Http.Json.JsonContent.Create(new { subjects = new { org = "org-acme" } }));

        Assert.True((await response.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean());
    }
}
