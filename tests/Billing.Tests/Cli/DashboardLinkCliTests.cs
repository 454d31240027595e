using System.Net;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing dashboard-link</c>: prints a signed link that opens the subject's page.</summary>
public sealed class DashboardLinkCliTests(AzuriteFixture azurite) : CliTest(azurite, new() { ["Dashboard:SigningKey"] = TestKeys.DashboardSigning })
{
    private const string Subject = "team:acme/ops";

    [Fact]
    public async Task Prints_a_link_that_opens_the_page_for_the_time_asked()
    {
        await (await Client.PutAccountAsync(Subject, new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var result = await CliAsync("dashboard-link", Subject, "--valid-for", "2d");
        var json = await CliAsync("dashboard-link", Subject, "--json");

        AssertExit(ExitCodes.Success, result);
        var url = new Uri(result.Stdout.Trim());
        Assert.StartsWith("/accounts/team%3Aacme%2Fops", url.AbsolutePath);
        Assert.Contains($"exp={Now.AddDays(2).ToUnixTimeSeconds()}&sig=", url.Query);
        Assert.Equal(HttpStatusCode.OK, (await App.CreateClient().GetAsync(url.PathAndQuery)).StatusCode);
        AssertExit(ExitCodes.Success, json);
        Assert.Contains($"\"expires_at\": \"{Now.AddDays(7):yyyy-MM-ddTHH:mm:ss}+00:00\"", json.Stdout);
    }

    [Fact]
    public async Task A_bad_duration_is_a_usage_error_and_an_unknown_subject_a_problem()
    {
        var bad = await CliAsync("dashboard-link", Subject, "--valid-for", "soon");
        var unknown = await CliAsync("dashboard-link", "team:nobody");

        AssertExit(ExitCodes.Usage, bad);
        Assert.Contains("--valid-for", bad.Stderr);
        AssertExit(ExitCodes.Problem, unknown);
    }
}
