using System.Net;
using System.Text.RegularExpressions;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing track</c>: manual usage through <c>POST /api/usage/manual</c>, idempotent by its id.</summary>
public sealed class TrackCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private static readonly string[] Entry =
        ["track", "--subject", "team:acme", "--subject", "user:ann", "--model", "gpt-4o", "--provider", "openai", "--cost", "0.002",
         "--prompt-tokens", "1200", "--completion-tokens", "300", "--at", "2026-11-22T10:00:00Z", "--id", "invoice-7"];

    [Fact]
    public async Task Track_records_the_entry_once_by_its_id()
    {
        var first = await CliAsync([.. Entry, "--json"]);
        var again = await CliAsync(Entry);
        await App.DrainUsageQueueAsync();

        AssertExit(ExitCodes.Success, first);
        Assert.Equal("manual:invoice-7", first.Json.GetProperty("id").GetString());
        Assert.True(first.Json.GetProperty("applied").GetBoolean());
        Assert.Equal(0.002m, first.Json.GetProperty("cost").GetDecimal());
        AssertExit(ExitCodes.Success, again);
        Assert.Contains("Already recorded manual:invoice-7", again.Stdout);
        foreach (var subject in new[] { "team:acme", "user:ann" })
        {
            var lifetime = (await Client.AccountAsync(subject)).GetProperty("lifetime");
            Assert.Equal(0.002m, lifetime.GetProperty("spent").GetDecimal());
            Assert.Equal(1, lifetime.GetProperty("requests").GetInt64());
        }
    }

    [Fact]
    public async Task Track_without_an_id_picks_one_prints_it_and_a_retry_with_it_counts_once()
    {
        string[] entry = ["track", "--subject", "team:acme", "--model", "gpt-4o", "--cost", "0.002"];

        var first = await CliAsync([.. entry, "--json"]);
        var id = Regex.Match(first.Stderr, @"^id: manual:(\S+)", RegexOptions.Multiline).Groups[1].Value;
        var retry = await CliAsync([.. entry, "--id", id]);
        await App.DrainUsageQueueAsync();

        AssertExit(ExitCodes.Success, first);
        Assert.StartsWith("cli-", id);
        Assert.Equal("manual:" + id, first.Json.GetProperty("id").GetString());
        AssertExit(ExitCodes.Success, retry);
        Assert.Contains($"Already recorded manual:{id}", retry.Stdout);
        Assert.Equal(1, (await Client.AccountAsync("team:acme")).GetProperty("lifetime").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_refused_entry_exits_1_naming_the_field()
    {
        var result = await CliAsync("track", "--subject", "team:acme", "--model", "gpt-4o", "--cost", "-1", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("cost", result.Stderr);
        Assert.Equal(400, result.Json.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("--subject", "acme")]
    [InlineData("--subject", "team:a", "--subject", "team:b")]
    [InlineData("--prompt-tokens", "many")]
    public async Task Bad_arguments_exit_2_naming_the_option(params string[] args)
    {
        var result = await CliAsync(["track", "--model", "gpt-4o", .. args.Contains("--subject") ? args : ["--subject", "team:acme", .. args]]);

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains(args[0], result.Stderr);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync("team:acme")).StatusCode);
    }
}
