using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class CheckTests(AzuriteFixture azurite) : AppTest(azurite)
{

    public override async ValueTask InitializeAsync()
    {
        await (await Client.PutAccountAsync("team:team-acme", new { owners = new[] { "ops@acme.example" }, budget = new { limit = 0.17m, period = "monthly" } }))
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
        Assert.Equal(0.17m, subject.GetProperty("limit").GetDecimal());
        Assert.Equal(0.168660248m, subject.GetProperty("spent").GetDecimal());
        Assert.Equal(0.001339752m, subject.GetProperty("remaining").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), subject.GetProperty("period_end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Check_denies_when_team_budget_would_be_exceeded()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { key = SampleLedgerTests.KeyHash, team = "team-acme" }, estimated_cost = 0.02m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(result.GetProperty("allowed").GetBoolean());
        Assert.Contains("team:team-acme", result.GetProperty("reason").GetString());
        Assert.Equal(2, result.GetProperty("subjects").GetArrayLength());
    }

    [Fact]
    public async Task Subject_without_budget_is_unlimited()
    {
        var result = await (await Client.CheckAsync(new { subjects = new { key = SampleLedgerTests.KeyHash }, estimated_cost = 1000m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("allowed").GetBoolean());
        var subject = result.GetProperty("subjects")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, subject.GetProperty("limit").ValueKind);
        Assert.Equal(0.169168148m, subject.GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task A_new_month_starts_at_zero_without_any_timer()
    {
        App.Time.Advance(TimeSpan.FromDays(9));

        var result = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, estimated_cost = 0.1m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(result.GetProperty("allowed").GetBoolean());
        Assert.Equal(0m, result.GetProperty("subjects")[0].GetProperty("spent").GetDecimal());
        var account = await Client.AccountAsync("team:team-acme");
        Assert.Equal(0.168660248m, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Rotated_check_key_is_accepted_too()
    {
        var client = App.ClientWithKey(TestKeys.CheckRotated);

        var response = await client.PostAsync("/api/check", System.Net.Http.Json.JsonContent.Create(new { subjects = new { org = "org-acme" } }));

        Assert.True((await response.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean());
    }
}
