using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing prices set|list</c> and <c>billing timers run</c> against the real app.</summary>
public sealed class PricesAndTimersCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    [Fact]
    public async Task Prices_set_stores_the_price_and_list_prints_the_book()
    {
        var set = await CliAsync("prices", "set", "acme/support-ft", "--input", "0.2", "--output", "0.6", "--cached-input", "0.1", "--json");
        var list = await CliAsync("prices", "list");
        var json = await CliAsync("prices", "list", "--json");

        AssertExit(ExitCodes.Success, set);
        Assert.Equal("acme/support-ft", set.Json.GetProperty("model").GetString());
        Assert.Equal(0.1m, set.Json.GetProperty("cached_input_per_million").GetDecimal());
        Assert.Equal(0.6m, set.Json.GetProperty("reasoning_per_million").GetDecimal());
        AssertExit(ExitCodes.Success, list);
        Assert.Contains(list.Stdout.Split('\n'), l => l.Contains("acme/support-ft") && l.Contains("0.2") && l.Contains("0.6"));
        json.AssertJsonEquals(await ApiGetAsync("/api/prices"));
    }

    [Fact]
    public async Task A_refused_price_exits_1_naming_the_field()
    {
        var result = await CliAsync("prices", "set", "gpt-4o", "--input", "-1", "--output", "1");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("input_per_million:", result.Stderr);
    }

    [Fact]
    public async Task A_price_without_output_exits_2()
    {
        var result = await CliAsync("prices", "set", "gpt-4o", "--input", "1");

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains("--output", result.Stderr);
    }

    [Theory]
    [InlineData("BudgetAlerts", "sent")]
    [InlineData("BudgetRollover", "statements")]
    public async Task Timers_run_prints_the_runs_summary(string timer, string figure)
    {
        var text = await CliAsync("timers", "run", timer);
        var json = await CliAsync("timers", "run", timer, "--json");

        AssertExit(ExitCodes.Success, text);
        Assert.Contains($"  {figure}: 0", text.Stdout);
        AssertExit(ExitCodes.Success, json);
        Assert.Equal(0, json.Json.GetProperty(figure).GetInt32());
    }

    [Fact]
    public async Task An_unknown_timer_exits_1_naming_the_timers()
    {
        var result = await CliAsync("timers", "run", "Nightly", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("BudgetAlerts", result.Stderr);
        Assert.Equal(404, result.Json.GetProperty("status").GetInt32());
    }
}
