using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>The exit codes scripts rely on: 2 bad arguments, 3 unreachable or key refused; the key is never printed.</summary>
public sealed class ErrorExitCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    [Fact]
    public async Task A_wrong_key_exits_3_and_does_not_print_it()
    {
        const string wrong = "wrong-admin-key-0000001";
        var result = await CliWithAsync(new Dictionary<string, string?> { ["BILLING_URL"] = "http://localhost", ["BILLING_ADMIN_KEY"] = wrong },
            App.Server.CreateHandler(), "accounts", "list", "--verbose");

        AssertExit(ExitCodes.Unreachable, result);
        Assert.Contains("check --key / BILLING_ADMIN_KEY", result.Stderr);
        Assert.DoesNotContain(wrong, result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task The_key_option_wins_over_the_environment_and_verbose_never_prints_it()
    {
        var result = await CliWithAsync(new Dictionary<string, string?> { ["BILLING_URL"] = "http://localhost", ["BILLING_ADMIN_KEY"] = "wrong-admin-key-0000001" },
            App.Server.CreateHandler(), "prices", "list", "--key", TestKeys.Admin, "--verbose");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("GET http://localhost/api/prices -> 200", result.Stderr);
        Assert.DoesNotContain(TestKeys.Admin, result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task An_unreachable_service_exits_3()
    {
        var result = await CliWithAsync(new Dictionary<string, string?> { ["BILLING_ADMIN_KEY"] = TestKeys.Admin }, handler: null,
            "accounts", "list", "--url", "http://127.0.0.1:1");

        AssertExit(ExitCodes.Unreachable, result);
        Assert.Contains("cannot reach http://127.0.0.1:1", result.Stderr);
        Assert.DoesNotContain(TestKeys.Admin, result.Stderr);
    }

    [Fact]
    public async Task No_key_exits_2_naming_the_option()
    {
        var result = await CliWithAsync(new Dictionary<string, string?> { ["BILLING_URL"] = "http://localhost" }, App.Server.CreateHandler(), "accounts", "list");

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains("--key", result.Stderr);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("stats", "team:acme", "--by", "week")]
    [InlineData("stats", "team:acme", "--daily", "--monthly")]
    [InlineData("stats", "acme")]
    [InlineData("tail", "team:acme", "-n", "51")]
    [InlineData("accounts", "list", "--limit", "many")]
    [InlineData("no-such-command")]
    [InlineData("accounts", "list", "--url", "ftp://example.com")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var result = await CliAsync(args);

        AssertExit(ExitCodes.Usage, result);
        Assert.StartsWith("billing: ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        var result = await CliAsync("--help");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("Exit codes: 0 success; 1 the API answered a problem", result.Stdout);
        Assert.Contains("BILLING_ADMIN_KEY", result.Stdout);
    }
}
