using System.Net;
using System.Text;
using Azure.Data.Tables;
using Billing.Domain.Subjects;
using Billing.Functions.Lago;
using Billing.Functions.Storage;
using Billing.Tests.EndToEnd;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Reconcile;

/// <summary><c>POST /api/reconcile</c>: its body, its key, that it writes nothing, and what it costs in Table operations.</summary>
public sealed class ReconcileRequestTests(AzuriteFixture azurite) : AppTest(azurite, LagoOn)
{
    private readonly AzuriteFixture _azurite = azurite;

    private static readonly Dictionary<string, string?> LagoOn = new() { ["Lago:ApiUrl"] = "https://api.lago.test", ["Lago:ApiKey"] = "lago-key-of-the-tests" };

    private Task<HttpResponseMessage> PostAsync(string body, string key = TestKeys.Admin) =>
        App.ClientWithKey(key).PostAsync("/api/reconcile", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task SeedAsync()
    {
        foreach (var sample in SampleLedgerTests.Usable)
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
    }

    [Theory]
    [InlineData("{\"limit\": 0}", "limit")]
    [InlineData("{\"limit\": 1001}", "limit")]
    [InlineData("{\"limit\": \"ten\"}", "limit")]
    [InlineData("{\"continuation\": \"not a token!\"}", "continuation")]
    [InlineData("{\"subject\": \"no-kind\"}", "subject")]
    [InlineData("{\"subject\": \"team:a\", \"limit\": 5}", "subject")]
    [InlineData("[1, 2]", "body")]
    public async Task A_bad_body_is_a_problem_naming_the_field(string body, string field)
    {
        await (await PostAsync(body)).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unknown_subject_is_a_404_problem()
    {
        await (await PostAsync("{\"subject\": \"team:nobody\"}")).AssertProblemAsync(HttpStatusCode.NotFound, "subject");
    }

    [Fact]
    public async Task It_needs_the_admin_key()
    {
        await (await PostAsync("{}", TestKeys.Check)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
        await (await App.CreateClient().PostAsync("/api/reconcile", null)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [Fact]
    public async Task On_storage_without_tables_it_checks_nothing_and_creates_no_table()
    {
        var page = await (await PostAsync("{}")).AssertJsonAsync(HttpStatusCode.OK);
        await (await PostAsync("{\"subject\": \"team:nobody\"}")).AssertProblemAsync(HttpStatusCode.NotFound, "subject");

        Assert.Equal(0, page.GetProperty("checked").GetInt32());
        var prefix = App.Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix;
        var tables = await new TableServiceClient(_azurite.ConnectionString).QueryAsync($"TableName ge '{prefix}' and TableName lt '{prefix}~'").ToListAsync();
        Assert.Empty(tables.Select(t => t.Name));
    }

    [Fact]
    public async Task It_changes_nothing()
    {
        await SeedAsync();
        var before = await SnapshotAsync();

        await (await PostAsync("")).AssertJsonAsync(HttpStatusCode.OK);
        await (await PostAsync("{\"limit\": 2}")).AssertJsonAsync(HttpStatusCode.OK);
        await (await PostAsync("{\"subject\": \"team:team-acme\"}")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Every row of every table of this app, with its ETag: any write changes one, adds one or removes one.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var tables = App.Tables;
        var rows = new List<string>();
        foreach (var table in new[] { tables.Ledger, tables.Accounts, tables.Lago, tables.Schedule, tables.Prices, tables.Quarantine, tables.Manual })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
        }
        return rows;
    }

    [Fact]
    public async Task One_charged_subject_costs_two_point_reads_and_one_query_per_row_kind()
    {
        await SeedAsync();
        var counter = new TableRequestCounter();
        var store = new LedgerFiguresStore(new BillingTables(App.Services.GetRequiredService<IOptions<StorageOptions>>(), counter.Options()));
        await store.ReadAsync(new SubjectId(SubjectKind.Team, "warmup"), null, CancellationToken.None);
        var start = counter.Snapshot();

        var figures = await store.ReadAsync(new SubjectId(SubjectKind.Team, "team-acme"), App.Services.GetRequiredService<IOptions<LagoOptions>>().Value.Charge, CancellationToken.None);

        var end = counter.Snapshot();
        Assert.NotNull(figures?.Figures?.Lago);
        // State row before and after; u|, r|, o| and l| range queries (no credit book, so no c| query).
        Assert.Equal((2L, 4L, 6L), (end.PointReads - start.PointReads, end.Queries - start.Queries, end.All - start.All));
    }
}
