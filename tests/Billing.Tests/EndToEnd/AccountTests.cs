using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class AccountTests(AzuriteFixture azurite) : AppTest(azurite)
{
    [Fact]
    public async Task Account_is_created_and_read_back_with_its_current_period()
    {
        var put = await (await Client.PutAccountAsync("team:acme", new { owners = new[] { "a@acme.example", "b@acme.example" }, budget = new { limit = 25.5m, period = "weekly" } }))
            .AssertJsonAsync(HttpStatusCode.OK);

        var account = await Client.AccountAsync("team:acme");
        Assert.Equal(put.GetRawText(), account.GetRawText());
        Assert.True(account.GetProperty("has_account").GetBoolean());
        Assert.Equal(2, account.GetProperty("owners").GetArrayLength());
        Assert.Equal("USD", account.GetProperty("currency").GetString());
        Assert.Equal(25.5m, account.GetProperty("budget").GetProperty("limit").GetDecimal());
        var period = account.GetProperty("current_period");
        Assert.Equal("weekly", period.GetProperty("period").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), period.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), period.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(25.5m, account.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Budget_added_later_sees_usage_recorded_before_it()
    {
        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        await (await Client.PutAccountAsync("team:team-acme", new { owners = new[] { "ops@acme.example" }, budget = new { limit = 1m, period = "monthly" } })).AssertJsonAsync(HttpStatusCode.OK);

        var account = await Client.AccountAsync("team:team-acme");
        Assert.Equal(0.0065m, account.GetProperty("spent").GetDecimal());
        Assert.Equal(0.9935m, account.GetProperty("remaining").GetDecimal());
    }

    [Fact]
    public async Task Subject_id_with_reserved_characters_round_trips_through_the_url()
    {
        const string subject = "end_user:a/b\\c#d?e%f ü🚀";

        await (await Client.PutAccountAsync(subject, new { owners = Array.Empty<string>() })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(subject, (await Client.AccountAsync(subject)).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Unknown_subject_is_not_found()
    {
        await (await Client.GetAccountAsync("team:nobody")).AssertProblemAsync(HttpStatusCode.NotFound, "subject");
    }

    [Theory]
    [InlineData("{\"owners\":[\"not-an-email\"]}", "owners[0]")]
    [InlineData("{\"currency\":\"EUR\"}", "currency")]
    [InlineData("{\"budget\":{\"limit\":10,\"period\":\"hourly\"}}", "budget.period")]
    [InlineData("{\"budget\":{\"limit\":-1,\"period\":\"daily\"}}", "budget.limit")]
    [InlineData("{\"budget\":{\"limit\":0.0000000001,\"period\":\"daily\"}}", "budget.limit")]
    [InlineData("{\"budget\":{\"period\":\"daily\"}}", "budget.limit")]
    [InlineData("{\"owners\":\"a@b.c\"}", "owners")]
    [InlineData("{\"budget\":{\"limit\":\"ten\"}}", "budget.limit")]
    [InlineData("", "body")]
    public async Task Invalid_account_names_the_field(string body, string field)
    {
        var client = App.ClientWithKey(TestKeys.Admin);

        var response = await client.PutAsync(BillingClient.AccountPath("team:acme"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Invalid_subject_in_the_path_is_rejected()
    {
        await (await Client.GetAccountAsync("tenant:acme")).AssertProblemAsync(HttpStatusCode.BadRequest, "subject");
    }
}
