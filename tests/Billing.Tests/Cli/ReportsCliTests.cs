using System.Globalization;
using System.Net;
using Billing.Cli;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Cli;

/// <summary><c>billing stats</c> and <c>billing tail</c>: the API's figures, as tables and as its JSON.</summary>
public sealed class ReportsCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private const string Subject = "team:acme";

    /// <summary>Usage this month (Now is 2026-11-22 12:00 UTC): today, this week and earlier in November, two models.</summary>
    private async Task<List<UsageEvent>> SeedAsync()
    {
        await (await Client.PutAccountAsync(Subject, new { owners = new[] { "ops@acme.example" }, time_zone = "Europe/Berlin" })).AssertJsonAsync(HttpStatusCode.OK);
        var events = new[] { "2026-11-02T09:00:00Z", "2026-11-17T10:00:00Z", "2026-11-20T08:30:00Z", "2026-11-22T07:15:00Z", "2026-11-22T10:45:00Z" }
            .Select((at, i) => new UsageEventBuilder().For(UsageEventBuilder.Team("acme")).At(at)
                .WithModel(i % 2 == 0 ? "gpt-4o" : "claude-3", i % 2 == 0 ? "openai" : "anthropic")
                .WithCost(0.000123457m * (i + 1)).WithTokens(1000 + i, 200 + i).Build())
            .ToList();
        await App.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, default);
        return events;
    }

    [Theory]
    [InlineData("day")]
    [InlineData("model")]
    [InlineData("provider")]
    public async Task Stats_json_is_the_APIs_report(string by)
    {
        await SeedAsync();

        var result = await CliAsync("stats", Subject, "--by", by, "--json");

        AssertExit(ExitCodes.Success, result);
        result.AssertJsonEquals(await ApiGetAsync($"{BillingClient.AccountPath(Subject)}/usage?group_by={by}"));
    }

    [Theory]
    [InlineData("--daily", "2026-11-22")]
    [InlineData("--weekly", "2026-11-16")]
    public async Task Daily_and_weekly_start_at_local_midnight_in_the_accounts_time_zone(string period, string from)
    {
        await SeedAsync();

        var result = await CliAsync("stats", Subject, period, "--json");

        AssertExit(ExitCodes.Success, result);
        result.AssertJsonEquals(await ApiGetAsync($"{BillingClient.AccountPath(Subject)}/usage?from={from}&group_by=day"));
    }

    [Fact]
    public async Task From_and_to_are_passed_as_given()
    {
        await SeedAsync();

        var result = await CliAsync("stats", Subject, "--from", "2026-11-17T00:00:00+01:00", "--to", "2026-11-21", "--by", "model", "--json");

        AssertExit(ExitCodes.Success, result);
        result.AssertJsonEquals(await ApiGetAsync($"{BillingClient.AccountPath(Subject)}/usage?from=2026-11-17T00:00:00%2B01:00&to=2026-11-21&group_by=model"));
    }

    [Fact]
    public async Task Stats_by_model_prints_the_totals_and_each_models_figures_exactly()
    {
        var events = await SeedAsync();

        var result = await CliAsync("stats", Subject, "--by", "model");

        AssertExit(ExitCodes.Success, result);
        Assert.Contains("=== Monthly Stats for team:acme", result.Stdout);
        Assert.Contains("Overall Totals", result.Stdout);
        Assert.Contains("Model Breakdown", result.Stdout);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("Total Cost") && l.Contains("$" + events.Sum(e => e.BilledCost).ToString(CultureInfo.InvariantCulture)));
        Assert.Contains(lines, l => l.Contains("Total Tokens") && l.Contains(events.Sum(e => e.Tokens.Prompt + e.Tokens.Completion).ToString("N0", CultureInfo.InvariantCulture)));
        foreach (var model in events.GroupBy(e => e.Model))
            Assert.Contains(lines, l => l.Contains(model.Key) && l.Contains("$" + model.Sum(e => e.BilledCost).ToString(CultureInfo.InvariantCulture))
                && l.Contains(model.Sum(e => e.Tokens.Prompt).ToString("N0", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stats_of_an_unknown_subject_exits_1()
    {
        var result = await CliAsync("stats", "team:nobody", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.Equal(404, result.Json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_bad_range_exits_1_naming_the_parameter()
    {
        await SeedAsync();

        var result = await CliAsync("stats", Subject, "--from", "2026-11-30", "--to", "2026-11-01");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("from", result.Stderr);
    }

    [Fact]
    public async Task Tail_prints_the_latest_events_newest_first_and_its_json_is_the_APIs()
    {
        var events = await SeedAsync();

        var table = await CliAsync("tail", Subject, "-n", "3");
        var json = await CliAsync("tail", Subject, "-n", "3", "--json");

        AssertExit(ExitCodes.Success, table);
        Assert.Contains("Last 3 Usage Entries", table.Stdout);
        var newest = events.OrderByDescending(e => e.OccurredAt).Take(3).Select(e => e.Id.Value).ToList();
        var positions = newest.Select(id => table.Stdout.IndexOf(id, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain(events.OrderBy(e => e.OccurredAt).First().Id.Value, table.Stdout);
        json.AssertJsonEquals(await ApiGetAsync($"{BillingClient.AccountPath(Subject)}/events?limit=3"));
    }
}
