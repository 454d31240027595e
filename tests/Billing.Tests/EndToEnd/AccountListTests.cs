using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

/// <summary><c>GET /api/accounts</c>: the accounts index, paged.</summary>
public sealed class AccountListTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private async Task PutAsync(string subject, params string[] windows) =>
        await (await Client.PutAccountAsync(subject, new
        {
            owners = new[] { "ops@acme.example" },
            time_zone = "Europe/Berlin",
            budgets = windows.Select(w => new { name = w, period = "monthly", limit = 10m }).ToArray(),
        })).AssertJsonAsync(HttpStatusCode.OK);

    private static List<string> Subjects(JsonElement page) =>
        page.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("subject").GetString()!).ToList();

    [Fact]
    public async Task Accounts_are_listed_with_owners_time_zone_and_window_names()
    {
        await PutAsync("team:acme", "monthly", "gpt");

        var page = await (await Client.ListAccountsAsync()).AssertJsonAsync(HttpStatusCode.OK);

        var account = Assert.Single(page.GetProperty("accounts").EnumerateArray());
        Assert.Equal("{\"subject\":\"team:acme\",\"owners\":[\"ops@acme.example\"],\"time_zone\":\"Europe/Berlin\",\"windows\":[\"monthly\",\"gpt\"]}", account.GetRawText());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation").ValueKind);
    }

    [Fact]
    public async Task Subjects_with_usage_and_no_account_are_not_listed()
    {
        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
        await PutAsync("user:alice");

        var page = await (await Client.ListAccountsAsync()).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["user:alice"], Subjects(page));
    }

    [Fact]
    public async Task A_prefix_pages_through_its_subjects_with_the_continuation()
    {
        string[] teams = ["team:a/b", "team:acme", "team:beta", "team:gamma", "team:zeta"];
        foreach (var subject in teams.Concat(["user:team", "org:acme", "key:k1"])) await PutAsync(subject);

        var listed = new List<string>();
        var query = "?prefix=team%3A&limit=2";
        var pages = 0;
        while (true)
        {
            var page = await (await Client.ListAccountsAsync(query)).AssertJsonAsync(HttpStatusCode.OK);
            listed.AddRange(Subjects(page));
            pages++;
            if (page.GetProperty("continuation").GetString() is not { } continuation) break;
            query = $"?prefix=team%3A&limit=2&continuation={Uri.EscapeDataString(continuation)}";
        }

        Assert.Equal(3, pages);
        Assert.Equal(teams, listed);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=many", "limit")]
    [InlineData("?continuation=not%20base64!", "continuation")]
    [InlineData("?continuation=", "continuation")]
    [InlineData("?prefix=a&prefix=b", "prefix")]
    public async Task Bad_query_parameters_are_problems_that_name_them(string query, string field)
    {
        await (await Client.ListAccountsAsync(query)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_prefix_longer_than_the_index_can_range_over_is_a_problem()
    {
        await (await Client.ListAccountsAsync("?prefix=team:" + new string('x', 60))).AssertProblemAsync(HttpStatusCode.BadRequest, "prefix");
    }
}
