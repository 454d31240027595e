using System.Net;
using System.Net.Http.Json;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing accounts list|show|set</c> against the real app.</summary>
public sealed class AccountsCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    [Fact]
    public async Task Set_creates_an_account_with_the_windows_the_flags_name()
    {
        var result = await CliAsync("accounts", "set", "team:acme", "--budget", "daily:10:hard", "--budget", "monthly:200:soft",
            "--owner", "ops@acme.example", "--time-zone", "Europe/Berlin");

        AssertExit(ExitCodes.Success, result);
        var account = await Client.AccountAsync("team:acme");
        Assert.Equal("Europe/Berlin", account.GetProperty("time_zone").GetString());
        Assert.Equal(["ops@acme.example"], account.GetProperty("owners").EnumerateArray().Select(o => o.GetString()));
        var windows = account.GetProperty("budgets").EnumerateArray()
            .Select(b => (b.GetProperty("name").GetString(), b.GetProperty("limit").GetDecimal(), b.GetProperty("mode").GetString())).ToList();
        Assert.Equal([("daily", 10m, "hard"), ("monthly", 200m, "soft")], windows);
        Assert.Contains("daily", result.Stdout);
        Assert.Contains("Europe/Berlin", result.Stdout);
    }

    [Fact]
    public async Task Set_changes_only_what_the_flags_say()
    {
        await (await Client.PutAccountAsync("team:acme", new
        {
            owners = new[] { "ops@acme.example" }, time_zone = "Europe/Berlin",
            budgets = new object[]
            {
                new { name = "daily", period = "daily", limit = 10, alert_thresholds = new object[] { 0.5, new { amount = 7 } } },
                new { name = "gpt4o", period = "P7D", limit = 5, models = new[] { "gpt-4o" }, anchor = "2026-12-01T00:00:00Z" },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);
        var before = await Client.AccountAsync("team:acme");

        var result = await CliAsync("accounts", "set", "team:acme", "--budget", "daily:20");

        AssertExit(ExitCodes.Success, result);
        var after = await Client.AccountAsync("team:acme");
        var daily = after.GetProperty("budgets")[0];
        Assert.Equal(20m, daily.GetProperty("limit").GetDecimal());
        Assert.Equal(before.GetProperty("budgets")[0].GetProperty("alert_thresholds").GetRawText(), daily.GetProperty("alert_thresholds").GetRawText());
        Assert.Equal(before.GetProperty("budgets")[1].GetRawText(), after.GetProperty("budgets")[1].GetRawText());
        Assert.Equal(before.GetProperty("owners").GetRawText(), after.GetProperty("owners").GetRawText());
        Assert.Equal("Europe/Berlin", after.GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task Set_rereads_and_retries_once_when_someone_else_changed_the_account()
    {
        await (await Client.PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);
        var racing = new RacingHandler(App.Server.CreateHandler(), () => Client.PutAccountAsync("team:acme", new { owners = new[] { "other@acme.example" } }));

        var result = await CliWithAsync(Operator, racing, "accounts", "set", "team:acme", "--budget", "daily:3");

        AssertExit(ExitCodes.Success, result);
        Assert.Equal(2, racing.Puts);
        var account = await Client.AccountAsync("team:acme");
        Assert.Equal(["other@acme.example"], account.GetProperty("owners").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(3m, account.GetProperty("budgets")[0].GetProperty("limit").GetDecimal());
    }

    [Fact]
    public async Task Show_json_is_the_APIs_answer()
    {
        await (await Client.PutAccountAsync("team:a/b#c", new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "daily", period = "daily", limit = 10 } } }))
            .AssertJsonAsync(HttpStatusCode.OK);

        var result = await CliAsync("accounts", "show", "team:a/b#c", "--json");

        AssertExit(ExitCodes.Success, result);
        result.AssertJsonEquals(await ApiGetAsync(BillingClient.AccountPath("team:a/b#c")));
    }

    [Fact]
    public async Task List_prints_every_account_and_its_json_is_the_APIs_list()
    {
        foreach (var team in new[] { "team:a", "team:b", "user:c" })
            await (await Client.PutAccountAsync(team, new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "daily", period = "daily", limit = 1 } } }))
                .AssertJsonAsync(HttpStatusCode.OK);

        var table = await CliAsync("accounts", "list");
        var json = await CliAsync("accounts", "list", "--json", "--prefix", "team:");

        AssertExit(ExitCodes.Success, table);
        Assert.All(["team:a", "team:b", "user:c"], subject => Assert.Contains(subject, table.Stdout));
        AssertExit(ExitCodes.Success, json);
        json.AssertJsonEquals(await ApiGetAsync("/api/accounts?prefix=team%3A"));
    }

    [Fact]
    public async Task List_with_a_limit_prints_one_page_and_its_continuation()
    {
        foreach (var team in new[] { "team:a", "team:b", "team:c" })
            await (await Client.PutAccountAsync(team, new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var first = await CliAsync("accounts", "list", "--limit", "2", "--json");
        var continuation = first.Json.GetProperty("continuation").GetString()!;
        var second = await CliAsync("accounts", "list", "--limit", "2", "--continuation", continuation, "--json");

        first.AssertJsonEquals(await ApiGetAsync("/api/accounts?limit=2"));
        Assert.Equal(["team:c"], second.Json.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Show_of_an_unknown_subject_exits_1_with_the_problem()
    {
        var result = await CliAsync("accounts", "show", "team:nobody");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("404", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_refused_set_exits_1_naming_the_field_and_prints_the_problem_json()
    {
        var result = await CliAsync("accounts", "set", "team:acme", "--time-zone", "Mars/Olympus_Mons", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("time_zone:", result.Stderr);
        Assert.Equal(400, result.Json.GetProperty("status").GetInt32());
        Assert.True(result.Json.GetProperty("errors").TryGetProperty("time_zone", out _));
    }

    [Theory]
    [InlineData("--budget", "daily")]
    [InlineData("--budget", "fortnightly:10")]
    [InlineData("--budget", "daily:ten")]
    [InlineData("--budget", "daily:10:firm")]
    [InlineData("--billing-mode", "free")]
    public async Task A_bad_flag_exits_2_naming_it(string option, string value)
    {
        var result = await CliAsync("accounts", "set", "team:acme", option, value);

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains(option, result.Stderr);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync("team:acme")).StatusCode);
    }

    /// <summary>Lets another writer change the account between the CLI's read and its first PUT.</summary>
    private sealed class RacingHandler(HttpMessageHandler inner, Func<Task<HttpResponseMessage>> race) : DelegatingHandler(inner)
    {
        public int Puts { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && ++Puts == 1) (await race()).EnsureSuccessStatusCode();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
