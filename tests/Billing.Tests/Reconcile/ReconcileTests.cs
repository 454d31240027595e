using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Credits;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Billing.Tests.EndToEnd;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Reconcile;

/// <summary>
/// <c>POST /api/reconcile</c> over a ledger built from the shared LiteLLM samples plus credits, with the Lago sync
/// configured (no Lago is called: the timers do not run), then tampered with directly through Azure.Data.Tables.
/// </summary>
public sealed class ReconcileTests(AzuriteFixture azurite) : AppTest(azurite, LagoOn)
{
    private static readonly Dictionary<string, string?> LagoOn = new() { ["Lago:ApiUrl"] = "https://api.lago.test", ["Lago:ApiKey"] = "lago-key-of-the-tests" };
    private const string Team = "team:team-acme";
    private readonly AzuriteFixture _azurite = azurite;

    private HttpClient Admin => App.ClientWithKey(TestKeys.Admin);

    private TableClient Ledger => App.Tables.Ledger;

    private static string Partition(string subject) => SubjectRow.PartitionKey(Parse(subject));

    private static SubjectId Parse(string subject) => SubjectId.TryParse(subject, out var parsed) ? parsed : throw new ArgumentException(subject);

    /// <summary>Every usable sample, a prepaid team with a grant, and one later event that closes the samples' hour into a roll-up row.</summary>
    private async Task SeedAsync()
    {
        await (await Client.PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, billing_mode = "prepaid" })).AssertJsonAsync(HttpStatusCode.OK);
        await (await Admin.PostAsJsonAsync(BillingClient.AccountPath(Team) + "/credits", new { grant_id = "topup-1", amount = 5m })).AssertJsonAsync(HttpStatusCode.Created);
        foreach (var sample in SampleLedgerTests.Usable)
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
        var later = new UsageEventBuilder().WithId("evt-later").WithCost(0.25m).At(Now.AddMinutes(-5)).WithModel("gpt-4o", "openai")
            .WithTokens(1200, 350).For(Parse(Team)).Build();
        await App.Services.GetRequiredService<LedgerWriter>().ApplyAsync([later], CancellationToken.None);
    }

    private async Task<JsonElement> ReconcileAsync(object? body = null, HttpClient? client = null)
    {
        var response = await (client ?? Admin).PostAsync("/api/reconcile", body is null ? null : JsonContent.Create(body));
        return await response.AssertJsonAsync(HttpStatusCode.OK);
    }

    private static List<JsonElement> Differences(JsonElement answer) => [.. answer.GetProperty("differences").EnumerateArray()];

    private async Task<decimal> LifetimeSpentAsync(string subject) =>
        (await Client.AccountAsync(subject)).GetProperty("lifetime").GetProperty("spent").GetDecimal();

    private async Task<List<TableEntity>> RowsAsync(string subject, string prefix) =>
        await Ledger.QueryAsync<TableEntity>(TableKeys.Prefixed(Partition(subject), prefix)).ToListAsync();

    private async Task<List<string>> SubjectsAsync() =>
        (await Ledger.QueryAsync<TableEntity>(e => e.RowKey == SubjectRow.RowKey).ToListAsync()).Select(r => r.GetString("Subject")).ToList();

    private static void AssertDifference(JsonElement difference, string subject, string invariant, string expected, string actual)
    {
        Assert.Equal(subject, difference.GetProperty("subject").GetString());
        Assert.Equal(invariant, difference.GetProperty("invariant").GetString());
        Assert.Equal(expected, difference.GetProperty("expected").GetString());
        Assert.Equal(actual, difference.GetProperty("actual").GetString());
        Assert.False(string.IsNullOrEmpty(difference.GetProperty("detail").GetString()));
    }

    private static string Money(decimal amount) => Billing.Domain.Reconciliation.FigureText.Money(MoneyUnits.ToNanos(amount));

    [Fact]
    public async Task A_healthy_ledger_has_no_differences_for_all_subjects_and_for_one()
    {
        await SeedAsync();
        Assert.NotEmpty(await RowsAsync(Team, RollupRow.Prefix));
        Assert.NotEmpty(await RowsAsync(Team, OutboxRow.Prefix));

        var all = await ReconcileAsync();
        var one = await ReconcileAsync(new { subject = Team });

        Assert.Equal((await SubjectsAsync()).Count, all.GetProperty("checked").GetInt32());
        Assert.True(all.GetProperty("checked").GetInt32() >= 6);
        Assert.Empty(Differences(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("continuation").ValueKind);
        Assert.Equal(1, one.GetProperty("checked").GetInt32());
        Assert.Empty(Differences(one));
    }

    [Fact]
    public async Task A_deleted_applied_usage_row_breaks_the_lifetime_counters()
    {
        await SeedAsync();
        var spent = await LifetimeSpentAsync(Team);
        var row = (await RowsAsync(Team, UsageRow.Prefix)).First(r => r.GetInt64("CostNanos") > 0);
        await Ledger.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var differences = Differences(await ReconcileAsync(new { subject = Team }));

        Assert.All(differences, d => Assert.Equal("lifetime_counters", d.GetProperty("invariant").GetString()));
        var cost = MoneyUnits.FromNanos(row.GetInt64("CostNanos")!.Value);
        AssertDifference(differences[0], Team, "lifetime_counters", Money(spent - cost), Money(spent));
        AssertDifference(differences[1], Team, "lifetime_counters", "14", "15");
    }

    [Fact]
    public async Task A_changed_roll_up_cost_breaks_the_rollups()
    {
        await SeedAsync();
        var spent = await LifetimeSpentAsync(Team);
        var row = (await RowsAsync(Team, RollupRow.Prefix))[0];
        row["Spent"] = row.GetInt64("Spent")!.Value + 500_000_000;
        await Ledger.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var difference = Assert.Single(Differences(await ReconcileAsync()));

        AssertDifference(difference, Team, "rollups", Money(spent), Money(spent + 0.5m));
    }

    [Fact]
    public async Task A_bogus_credit_entry_breaks_the_credit_balance()
    {
        await SeedAsync();
        var balance = (await (await Admin.GetAsync(BillingClient.AccountPath(Team) + "/credits")).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("balance").GetDecimal();
        var bogus = new CreditEntry(CreditEntryKind.Burn, "topup-1", 250_000_000, Now, "bogus");
        await Ledger.AddEntityAsync(CreditEntryRow.Create(Parse(Team), bogus));

        var differences = Differences(await ReconcileAsync(new { subject = Team }));

        Assert.Equal(2, differences.Count);
        AssertDifference(differences[0], Team, "credit_balance", Money(balance - 0.25m), Money(balance));
        AssertDifference(differences[1], Team, "credit_balance", Money(balance - 0.25m), Money(balance));
        Assert.Contains("grant 'topup-1'", differences[1].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_deleted_outbox_row_breaks_the_lago_outbox_when_lago_is_on_and_is_not_checked_when_it_is_off()
    {
        await SeedAsync();
        var outbox = await RowsAsync(Team, OutboxRow.Prefix);
        var billable = outbox.Sum(r => r.GetInt32("Count")!.Value);
        var deleted = outbox[0];
        await Ledger.DeleteEntityAsync(deleted.PartitionKey, deleted.RowKey);

        var difference = Assert.Single(Differences(await ReconcileAsync()));
        await using var lagoOff = new BillingApp(_azurite, Now, new() { ["Storage:TablePrefix"] = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.TablePrefix });
        var withoutLago = await ReconcileAsync(client: lagoOff.ClientWithKey(TestKeys.Admin));

        AssertDifference(difference, Team, "lago_outbox", billable.ToString(), (billable - deleted.GetInt32("Count")!.Value).ToString());
        Assert.Empty(Differences(withoutLago));
    }

    private string Prefix => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.TablePrefix;

    private Dictionary<string, string?> SameTables(string? key = null, string? value = null)
    {
        var settings = new Dictionary<string, string?>(LagoOn) { ["Storage:TablePrefix"] = Prefix };
        if (key is not null) settings[key] = value;
        return settings;
    }

    private async Task ApplyAsync(string subject, int events)
    {
        var usage = Enumerable.Range(0, events).Select(i => new UsageEventBuilder().WithId($"{subject}-{i}").WithCost(0.25m).At(Now.AddMinutes(-5)).For(Parse(subject)).Build()).ToList();
        await App.Services.GetRequiredService<LedgerWriter>().ApplyAsync(usage, CancellationToken.None);
    }

    private async Task AddRequestAsync(string subject)
    {
        var state = (await Ledger.GetEntityAsync<TableEntity>(Partition(subject), SubjectRow.RowKey)).Value;
        state["LifeRequests"] = state.GetInt64("LifeRequests")!.Value + 1;
        await Ledger.UpdateEntityAsync(state, Azure.ETag.All, TableUpdateMode.Merge);
    }

    private static List<string?> Listed(JsonElement answer, string name) => [.. answer.GetProperty(name).EnumerateArray().Select(s => s.GetString())];

    [Fact]
    public async Task A_subject_whose_state_row_changes_on_every_read_is_unsettled_and_shows_no_differences()
    {
        await ApplyAsync("team:busy", 2);
        await ApplyAsync("team:calm", 1);
        var churn = new StateRowChurn();
        await using var busy = new BillingApp(_azurite, Now, SameTables(), services => services.AddSingleton(churn.Options()));
        var admin = busy.ClientWithKey(TestKeys.Admin);
        churn.Write = () => AddRequestAsync("team:busy");

        var one = await ReconcileAsync(new { subject = "team:busy" }, admin);
        var all = await ReconcileAsync(client: admin);

        Assert.Equal((1, 0), (one.GetProperty("checked").GetInt32(), Differences(one).Count));
        Assert.Equal(["team:busy"], Listed(one, "unsettled"));
        Assert.Equal((2, 0), (all.GetProperty("checked").GetInt32(), Differences(all).Count));
        Assert.Equal(["team:busy"], Listed(all, "unsettled"));
        Assert.Empty(Listed(all, "too_large"));
    }

    [Fact]
    public async Task A_subject_with_more_rows_than_the_bound_is_too_large_and_the_others_are_checked()
    {
        await ApplyAsync("team:big", 4);
        await ApplyAsync("team:small", 1);
        await using var bounded = new BillingApp(_azurite, Now, SameTables("Reconcile:MaxRowsPerSubject", "3"));
        var admin = bounded.ClientWithKey(TestKeys.Admin);

        var all = await ReconcileAsync(client: admin);
        var one = await ReconcileAsync(new { subject = "team:big" }, admin);

        Assert.Equal((2, 0), (all.GetProperty("checked").GetInt32(), Differences(all).Count));
        Assert.Equal(["team:big"], Listed(all, "too_large"));
        Assert.Empty(Listed(all, "unsettled"));
        Assert.Equal(["team:big"], Listed(one, "too_large"));
    }

    [Fact]
    public async Task Pages_of_one_visit_every_subject_exactly_once()
    {
        await SeedAsync();
        var subjects = await SubjectsAsync();
        foreach (var state in await Ledger.QueryAsync<TableEntity>(e => e.RowKey == SubjectRow.RowKey).ToListAsync())
        {
            // One more request on every state row: each subject then shows up in the differences of the page that checks it.
            state["LifeRequests"] = state.GetInt64("LifeRequests")!.Value + 1;
            await Ledger.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Merge);
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await ReconcileAsync(continuation is null ? new { limit = 1 } : new { limit = 1, continuation });
            pages++;
            Assert.Equal(1, page.GetProperty("checked").GetInt32());
            seen.AddRange(Differences(page).Where(d => d.GetProperty("invariant").GetString() == "lifetime_counters").Select(d => d.GetProperty("subject").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
        } while (continuation is not null && pages <= subjects.Count);

        Assert.Equal(subjects.Count, pages);
        Assert.Equal(subjects.Order(), seen.Order());
    }
}
