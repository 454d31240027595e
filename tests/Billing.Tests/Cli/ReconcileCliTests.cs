using System.Net;
using Azure.Data.Tables;
using Billing.Cli;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Billing.Tests.EndToEnd;
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

    [Fact]
    public async Task A_usage_row_deleted_from_the_ledger_is_a_lifetime_counters_difference_and_exits_4()
    {
        const string team = "team:team-acme";
        foreach (var sample in SampleLedgerTests.Usable)
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
        var partition = SubjectRow.PartitionKey(SubjectId.TryParse(team, out var parsed) ? parsed : throw new ArgumentException(team));
        var usage = await App.Tables.Ledger.QueryAsync<TableEntity>(TableKeys.Prefixed(partition, UsageRow.Prefix)).ToListAsync();
        var row = usage.First(r => r.GetInt64("CostNanos") > 0);
        await App.Tables.Ledger.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var text = await CliAsync("reconcile", "--page-size", "2");
        var json = await CliAsync("reconcile", "--page-size", "2", "--json");

        AssertExit(ExitCodes.Differences, text);
        Assert.Contains(text.Stdout.Split('\n'), l => l.Contains(team) && l.Contains("lifetime_counters"));
        AssertExit(ExitCodes.Differences, json);
        Assert.Contains(json.Json.GetProperty("differences").EnumerateArray(),
            d => d.GetProperty("subject").GetString() == team && d.GetProperty("invariant").GetString() == "lifetime_counters");
    }

    /// <summary>
    /// The paging protocol, which the real service cannot be made to show on demand: each page is asked for with the
    /// previous page's continuation, and a later page's differences are kept with the earlier pages' counts.
    /// </summary>
    [Fact]
    public async Task Each_page_is_asked_for_by_the_last_continuation_and_a_later_pages_differences_are_kept()
    {
        var service = new ReconcileStandIn();

        var text = await CliWithAsync(Operator, service, "reconcile", "--page-size", "2");
        var json = await CliWithAsync(Operator, new ReconcileStandIn(), "reconcile", "--page-size", "2", "--json");

        AssertExit(ExitCodes.Differences, text);
        Assert.Equal(["{\"limit\":2}", "{\"limit\":2,\"continuation\":\"page-2\"}"], service.Bodies);
        Assert.Contains(text.Stdout.Split('\n'), l => l.Contains("team:t1") && l.Contains("lifetime_equals_rollups") && l.Contains("0.000000003") && l.Contains("0.000000002"));
        Assert.Contains("Checked 3 subject(s): 1 difference(s).", text.Stdout);
        AssertExit(ExitCodes.Differences, json);
        Assert.Equal(3, json.Json.GetProperty("checked").GetInt64());
        Assert.Equal("0.000000003", json.Json.GetProperty("differences")[0].GetProperty("expected").GetRawText());
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

    /// <summary>A hand-written stand-in for <c>POST /api/reconcile</c>: two pages, a difference on the second.</summary>
    private sealed class ReconcileStandIn : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("/api/reconcile", request.RequestUri!.AbsolutePath);
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            var page = Bodies.Count == 1
                ? """{"checked": 2, "differences": [], "continuation": "page-2"}"""
                : """{"checked": 1, "differences": [{"subject": "team:t1", "invariant": "lifetime_equals_rollups", "expected": 0.000000003, "actual": 0.000000002, "detail": "one hour missing"}], "continuation": null}""";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page, System.Text.Encoding.UTF8, "application/json") };
        }
    }
}

/// <summary>A subject past <c>Reconcile:MaxRowsPerSubject</c> is not proven: exit 5, named in the text and the JSON.</summary>
public sealed class ReconcileNotProvenCliTests(AzuriteFixture azurite) : CliTest(azurite, new() { ["Reconcile:MaxRowsPerSubject"] = "2" })
{
    [Fact]
    public async Task A_subject_too_large_to_prove_exits_5()
    {
        var events = Enumerable.Range(0, 5).Select(i => new UsageEventBuilder().WithId($"big-{i}").For(UsageEventBuilder.Team("big")).Build()).ToList();
        await App.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, default);

        var text = await CliAsync("reconcile", "--subject", "team:big");
        var json = await CliAsync("reconcile", "--subject", "team:big", "--json");

        AssertExit(ExitCodes.NotProven, text);
        Assert.Contains("team:big", text.Stdout);
        AssertExit(ExitCodes.NotProven, json);
        Assert.Equal("team:big", Assert.Single(json.Json.GetProperty("too_large").EnumerateArray()).GetString());
        Assert.Empty(json.Json.GetProperty("differences").EnumerateArray());
    }
}
