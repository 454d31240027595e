using System.Net;
using Billing.Cli;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Cli;

/// <summary><c>billing reconcile</c>: every page of <c>POST /api/reconcile</c>, exit 4 when there are differences.</summary>
public sealed class ReconcileCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private async Task SeedAsync(int teams)
    {
        var events = new List<Billing.Domain.Usage.UsageEvent>();
        for (var i = 0; i < teams; i++)
        {
            await (await Client.PutAccountAsync($"team:t{i}", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);
            events.Add(new UsageEventBuilder().For(UsageEventBuilder.Team($"t{i}")).Build());
        }
        await App.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, default);
    }

    [Fact]
    public async Task A_consistent_ledger_reconciles_with_exit_0_across_pages()
    {
        await SeedAsync(teams: 5);

        var text = await CliAsync("reconcile", "--page-size", "2");
        var json = await CliAsync("reconcile", "--page-size", "2", "--json");

        AssertExit(ExitCodes.Success, text);
        Assert.Contains("0 difference(s)", text.Stdout);
        AssertExit(ExitCodes.Success, json);
        Assert.True(json.Json.GetProperty("checked").GetInt64() >= 5);
        Assert.Empty(json.Json.GetProperty("differences").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Json.GetProperty("continuation").ValueKind);
    }

    [Fact]
    public async Task One_subject_is_checked_alone()
    {
        await SeedAsync(teams: 3);

        var result = await CliAsync("reconcile", "--subject", "team:t1", "--json");

        AssertExit(ExitCodes.Success, result);
        Assert.Equal(1, result.Json.GetProperty("checked").GetInt64());
    }

    [Theory]
    [InlineData("--subject", "t1")]
    [InlineData("--page-size", "lots")]
    public async Task Bad_arguments_exit_2(string option, string value)
    {
        var result = await CliAsync("reconcile", option, value);

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains(option, result.Stderr);
    }
}
