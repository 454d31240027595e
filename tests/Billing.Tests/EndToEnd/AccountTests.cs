using System.Net;
using System.Net.Http.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class AccountTests(AzuriteFixture azurite) : AppTest(azurite)
{
    [Fact]
    public async Task Account_with_several_windows_is_created_and_read_back_with_each_current_period()
    {
        var put = await (await Client.PutAccountAsync("team:acme", new
        {
            owners = new[] { "a@acme.example", "b@acme.example" },
            time_zone = "Europe/Berlin",
            budgets = new object[]
            {
                new { name = "daily", period = "daily", limit = 10m, mode = "hard", alert_thresholds = new object[] { 0.5m, 0.8m, new { amount = 9.5m } } },
                new { name = "weekly", period = "weekly", limit = 25.5m, mode = "soft" },
                new { name = "tokens", period = "daily", metric = "tokens", limit = 2000000 },
                new { name = "hourly", period = "PT1H", metric = "requests", limit = 600, anchor = "2026-01-01T00:00:00Z" },
                new { name = "gpt4o", period = "P7D", limit = 5m, models = new[] { "gpt-4o" }, anchor = "2026-12-01T00:00:00Z" },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);

        var account = await Client.AccountAsync("team:acme");
        Assert.Equal(put.GetRawText(), account.GetRawText());
        Assert.True(account.GetProperty("has_account").GetBoolean());
        Assert.Equal("Europe/Berlin", account.GetProperty("time_zone").GetString());
        var budgets = account.GetProperty("budgets");
        Assert.Equal(5, budgets.GetArrayLength());
        var daily = budgets[0];
        Assert.Equal("hard", daily.GetProperty("mode").GetString());
        Assert.Equal("cost", daily.GetProperty("metric").GetString());
        // Berlin is UTC+1 in November: the day is 2026-11-21T23:00Z to 2026-11-22T23:00Z.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero), daily.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), daily.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal("[0.5,0.8,{\"amount\":9.5}]", daily.GetProperty("alert_thresholds").GetRawText());
        Assert.Equal(10m, daily.GetProperty("remaining").GetDecimal());
        var weekly = budgets[1];
        Assert.Equal("soft", weekly.GetProperty("mode").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 15, 23, 0, 0, TimeSpan.Zero), weekly.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal("[0.5,0.8,1.0]", weekly.GetProperty("alert_thresholds").GetRawText());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), budgets[3].GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero), budgets[4].GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal("[\"gpt-4o\"]", budgets[4].GetProperty("models").GetRawText());
    }

    [Fact]
    public async Task Window_added_later_counts_usage_recorded_before_it()
    {
        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        await (await Client.PutAccountAsync("team:team-acme", new
        {
            owners = new[] { "ops@acme.example" },
            budgets = new object[]
            {
                new { name = "monthly", period = "monthly", limit = 1m },
                new { name = "other-model", period = "monthly", limit = 1m, models = new[] { "claude-3" } },
                new { name = "requests", period = "weekly", metric = "requests", limit = 10 },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);

        var budgets = (await Client.AccountAsync("team:team-acme")).GetProperty("budgets");
        Assert.Equal(0.0065m, budgets[0].GetProperty("used").GetDecimal());
        Assert.Equal(0.9935m, budgets[0].GetProperty("remaining").GetDecimal());
        Assert.Equal(0m, budgets[1].GetProperty("used").GetDecimal());
        Assert.Equal(1m, budgets[2].GetProperty("used").GetDecimal());
    }

    [Fact]
    public async Task Usage_after_a_window_exists_counts_in_it_and_the_check_sees_it()
    {
        await (await Client.PutAccountAsync("team:team-acme", new { budgets = new[] { new { name = "weekly", period = "weekly", limit = 0.01m } } })).AssertJsonAsync(HttpStatusCode.OK);

        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var weekly = (await Client.AccountAsync("team:team-acme")).GetProperty("budgets")[0];
        Assert.Equal(0.0065m, weekly.GetProperty("used").GetDecimal());
        Assert.Equal(1, weekly.GetProperty("requests").GetInt64());
        Assert.Equal("[\"50%\"]", weekly.GetProperty("thresholds_crossed").GetRawText());
    }

    [Fact]
    public async Task Reset_starts_a_window_afresh_and_re_arms_its_thresholds()
    {
        await (await Client.PutAccountAsync("team:team-acme", new { budgets = new[] { new { name = "weekly", period = "weekly", limit = 0.01m } } })).AssertJsonAsync(HttpStatusCode.OK);
        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var reset = await Client.AdminPostAsync(BillingClient.AccountPath("team:team-acme") + "/budgets/weekly/reset");

        var weekly = (await reset.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("budgets")[0];
        Assert.Equal(0m, weekly.GetProperty("used").GetDecimal());
        Assert.Equal(Now, weekly.GetProperty("count_from").GetDateTimeOffset());
        Assert.Equal(0, weekly.GetProperty("thresholds_crossed").GetArrayLength());
        var check = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, estimated_cost = 0.009m })).AssertJsonAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Reset_of_an_unknown_window_is_not_found()
    {
        await (await Client.PutAccountAsync("team:acme", new { budgets = new[] { new { name = "weekly", period = "weekly", limit = 1m } } })).AssertJsonAsync(HttpStatusCode.OK);

        var response = await Client.AdminPostAsync(BillingClient.AccountPath("team:acme") + "/budgets/daily/reset");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task Get_returns_an_etag_and_a_put_with_a_stale_one_is_refused_with_412()
    {
        await (await Client.PutAccountAsync("team:acme", new { owners = new[] { "a@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);
        var read = await Client.GetAccountAsync("team:acme");
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);

        var first = await Client.PutAccountAsync("team:acme", new { owners = new[] { "b@acme.example" } }, ifMatch: etag);
        var second = await Client.PutAccountAsync("team:acme", new { owners = new[] { "c@acme.example" } }, ifMatch: etag);

        await first.AssertJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, first.Headers.ETag?.Tag);
        await second.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Equal("b@acme.example", (await Client.AccountAsync("team:acme")).GetProperty("owners")[0].GetString());
    }

    [Fact]
    public async Task Usage_does_not_change_the_account_etag()
    {
        await (await Client.PutAccountAsync("team:team-acme", new { owners = new[] { "a@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);
        var etag = (await Client.GetAccountAsync("team:team-acme")).Headers.ETag?.Tag;

        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        Assert.Equal(etag, (await Client.GetAccountAsync("team:team-acme")).Headers.ETag?.Tag);
        await (await Client.PutAccountAsync("team:team-acme", new { owners = new[] { "b@acme.example" } }, ifMatch: etag)).AssertJsonAsync(HttpStatusCode.OK);
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
    [InlineData("{\"time_zone\":\"Mars/Olympus\"}", "time_zone")]
    [InlineData("{\"time_zone\":\"Europe\"}", "time_zone")]
    [InlineData("{\"budget\":{\"limit\":10,\"period\":\"daily\"}}", "budget")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"hourly\"}]}", "budgets[0].period")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"PT1H\"}]}", "budgets[0].period")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"anchor\":\"2026-01-01T00:00:00Z\"}]}", "budgets[0].anchor")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"PT1H\",\"anchor\":\"yesterday\"}]}", "budgets[0].anchor")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":-1,\"period\":\"daily\"}]}", "budgets[0].limit")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":0.0000000001,\"period\":\"daily\"}]}", "budgets[0].limit")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"period\":\"daily\"}]}", "budgets[0].limit")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":\"ten\",\"period\":\"daily\"}]}", "budgets[0].limit")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10.5,\"period\":\"daily\",\"metric\":\"tokens\"}]}", "budgets[0].limit")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"metric\":\"dollars\"}]}", "budgets[0].metric")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"mode\":\"strict\"}]}", "budgets[0].mode")]
    [InlineData("{\"budgets\":[{\"limit\":10,\"period\":\"daily\"}]}", "budgets[0].name")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\"},{\"name\":\"D\",\"limit\":5,\"period\":\"weekly\"}]}", "budgets[1].name")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"alert_thresholds\":[0.5,11]}]}", "budgets[0].alert_thresholds[1]")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"alert_thresholds\":[0]}]}", "budgets[0].alert_thresholds[0]")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"alert_thresholds\":[{\"amount\":-3}]}]}", "budgets[0].alert_thresholds[0]")]
    [InlineData("{\"budgets\":[{\"name\":\"d\",\"limit\":10,\"period\":\"daily\",\"models\":[]}]}", "budgets[0].models")]
    [InlineData("{\"budgets\":[null]}", "budgets[0]")]
    [InlineData("{\"owners\":\"a@b.c\"}", "owners")]
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
