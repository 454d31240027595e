using System.Net;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>
/// Money and instants parse the same on every machine: a dot for decimals and ISO-8601 with an offset, whatever the
/// current culture. Each test runs the CLI under de-DE's conventions, where '.' groups thousands and '12.5' used to be 125.
/// </summary>
public sealed class InvariantInputCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private static readonly System.Globalization.CultureInfo German = GermanConventions();
    private const string Subject = "team:acme";

    [Fact]
    public async Task Credits_grant_sends_the_amount_and_expiry_exactly()
    {
        await (await Client.PutAccountAsync(Subject, new { owners = new[] { "ops@acme.example" }, billing_mode = "prepaid" })).AssertJsonAsync(HttpStatusCode.OK);

        var result = await CliInCultureAsync(German, "credits", "grant", Subject, "--amount", "12.5", "--grant-id", "g-1", "--expires-at", "2027-01-01T00:00:00+01:00", "--json");

        AssertExit(ExitCodes.Success, result);
        var grant = Assert.Single(result.Json.GetProperty("grants").EnumerateArray());
        Assert.Equal(12.5m, grant.GetProperty("amount").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), grant.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Track_sends_the_cost_and_instant_exactly()
    {
        var result = await CliInCultureAsync(German, "track", "--subject", Subject, "--model", "gpt-4o", "--cost", "0.002", "--at", "2026-11-22T11:00:00+01:00", "--id", "inv-1");
        await App.DrainUsageQueueAsync();

        AssertExit(ExitCodes.Success, result);
        var usage = Assert.Single(System.Text.Json.JsonDocument.Parse(await ApiGetAsync(BillingClient.AccountPath(Subject) + "/events")).RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal(0.002m, usage.GetProperty("cost").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), usage.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Prices_set_sends_every_price_exactly()
    {
        var result = await CliInCultureAsync(German, "prices", "set", "acme-ft", "--input", "0.2", "--output", "1.25", "--cached-input", "0.1", "--reasoning", "2.5", "--json");

        AssertExit(ExitCodes.Success, result);
        var price = result.Json;
        Assert.Equal([0.2m, 1.25m, 0.1m, 2.5m], new[] { "input_per_million", "output_per_million", "cached_input_per_million", "reasoning_per_million" }
            .Select(name => price.GetProperty(name).GetDecimal()));
    }

    [Fact]
    public async Task Accounts_set_sends_the_suspension_threshold_limit_and_anchor_exactly()
    {
        var result = await CliInCultureAsync(German, "accounts", "set", Subject, "--billing-mode", "prepaid", "--suspend-below", "1.5",
            "--budget", "P14D:10.5", "--anchor", "2026-12-01T00:00:00Z", "--json");

        AssertExit(ExitCodes.Success, result);
        var account = await Client.AccountAsync(Subject);
        Assert.Equal(1.5m, account.GetProperty("suspend_below").GetDecimal());
        var window = Assert.Single(account.GetProperty("budgets").EnumerateArray());
        Assert.Equal(10.5m, window.GetProperty("limit").GetDecimal());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), window.GetProperty("anchor").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("--cost", "track", "--subject", Subject, "--model", "gpt-4o", "--cost", "0,002")]
    [InlineData("--cost", "track", "--subject", Subject, "--model", "gpt-4o", "--cost", "1e-3")]
    [InlineData("--amount", "credits", "grant", Subject, "--amount", "1,000")]
    [InlineData("--amount", "credits", "grant", Subject, "--amount", "1.000,5")]
    [InlineData("--input", "prices", "set", "m", "--input", "0,2", "--output", "1")]
    [InlineData("--suspend-below", "accounts", "set", Subject, "--suspend-below", "1,5")]
    [InlineData("--budget", "accounts", "set", Subject, "--budget", "daily:1,5")]
    [InlineData("--at", "track", "--subject", Subject, "--model", "gpt-4o", "--at", "2026-11-22T10:00:00")]
    [InlineData("--at", "track", "--subject", Subject, "--model", "gpt-4o", "--at", "22.11.2026 10:00 +01:00")]
    [InlineData("--expires-at", "credits", "grant", Subject, "--amount", "1", "--expires-at", "2027-12-01")]
    [InlineData("--anchor", "accounts", "set", Subject, "--budget", "P14D:10", "--anchor", "2026-12-01T00:00:00")]
    [InlineData("--from", "stats", Subject, "--from", "22.11.2026")]
    [InlineData("--to", "stats", Subject, "--to", "2026-11-22T10:00:00")]
    [InlineData("--from", "quarantine", "list", "--from", "yesterday")]
    public async Task An_ambiguous_number_or_an_instant_without_offset_exits_2_naming_the_option(string option, params string[] args)
    {
        var handler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var result = await CliInCultureAsync(German, handler, args);

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains(option, result.Stderr);
        Assert.Equal(0, handler.Requests);
    }
}
