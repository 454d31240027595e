using System.Net;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing credits grant|list|void</c> against the real app.</summary>
public sealed class CreditsCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private const string Subject = "team:acme";

    public override async ValueTask InitializeAsync() =>
        await (await Client.PutAccountAsync(Subject, new { owners = new[] { "ops@acme.example" }, billing_mode = "prepaid" })).AssertJsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Grant_adds_credits_once_per_grant_id_and_prints_the_APIs_view()
    {
        var first = await CliAsync("credits", "grant", Subject, "--amount", "25.5", "--grant-id", "topup-1", "--expires-at", "2027-12-01T00:00:00Z",
            "--priority", "2", "--reason", "top-up", "--json");
        var again = await CliAsync("credits", "grant", Subject, "--amount", "25.5", "--grant-id", "topup-1", "--expires-at", "2027-12-01T00:00:00Z",
            "--priority", "2", "--reason", "top-up");

        AssertExit(ExitCodes.Success, first);
        first.AssertJsonEquals(await ApiGetAsync(BillingClient.AccountPath(Subject) + "/credits"));
        Assert.Equal(25.5m, first.Json.GetProperty("balance").GetDecimal());
        AssertExit(ExitCodes.Success, again);
        Assert.Contains("already", again.Stdout);
        Assert.Contains("$25.5", again.Stdout);
    }

    [Fact]
    public async Task Another_body_under_the_same_grant_id_exits_1_naming_it()
    {
        await CliAsync("credits", "grant", Subject, "--amount", "10", "--grant-id", "topup-1");

        var result = await CliAsync("credits", "grant", Subject, "--amount", "11", "--grant-id", "topup-1");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("409", result.Stderr);
        Assert.Contains("grant_id:", result.Stderr);
    }

    [Fact]
    public async Task List_shows_the_grants_and_entries_shows_the_ledger()
    {
        await CliAsync("credits", "grant", Subject, "--amount", "10", "--grant-id", "topup-1", "--reason", "first");

        var list = await CliAsync("credits", "list", Subject);
        var entries = await CliAsync("credits", "list", Subject, "--entries", "--limit", "10", "--json");

        AssertExit(ExitCodes.Success, list);
        Assert.Contains("topup-1", list.Stdout);
        Assert.Contains("balance $10", list.Stdout);
        AssertExit(ExitCodes.Success, entries);
        entries.AssertJsonEquals(await ApiGetAsync(BillingClient.AccountPath(Subject) + "/credits/entries?limit=10"));
    }

    [Fact]
    public async Task Void_removes_what_is_left_of_a_grant()
    {
        await CliAsync("credits", "grant", Subject, "--amount", "10", "--grant-id", "topup-1");

        var result = await CliAsync("credits", "void", Subject, "topup-1", "--json");

        AssertExit(ExitCodes.Success, result);
        Assert.Equal(0m, result.Json.GetProperty("balance").GetDecimal());
        result.AssertJsonEquals(await ApiGetAsync(BillingClient.AccountPath(Subject) + "/credits"));
    }

    [Fact]
    public async Task Voiding_an_unknown_grant_exits_1()
    {
        var result = await CliAsync("credits", "void", Subject, "no-such-grant");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("404", result.Stderr);
    }
}
