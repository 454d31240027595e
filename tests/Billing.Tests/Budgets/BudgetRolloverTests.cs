using Azure.Data.Tables;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Budgets;

/// <summary>
/// The BudgetRollover timer against Azurite with a fake clock in Europe/Berlin, across the end of daylight saving
/// (Sunday 2026-10-25, a 25-hour day), the end of a week and the end of a month; skipped, late, doubled and concurrent.
/// </summary>
public sealed class BudgetRolloverTests(AzuriteFixture azurite) : BudgetAppTest(azurite)
{
    private const string Team = "team:acme";

    // Saturday 2026-10-24, 12:00 UTC = 14:00 in Berlin (UTC+2 until Sunday 03:00 local).
    private static readonly DateTimeOffset Saturday = new(2026, 10, 24, 12, 0, 0, TimeSpan.Zero);

    private BillingApp _app = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = StartInstance(Saturday);
        await PutAccountAsync(new BillingClient(_app), Team, new
        {
            owners = new[] { "ops@acme.example" },
            time_zone = "Europe/Berlin",
            budgets = new object[]
            {
                new { name = "daily", period = "daily", limit = 10m, alert_thresholds = new[] { 0.5m } },
                new { name = "weekly", period = "weekly", limit = 50m },
                new { name = "monthly", period = "monthly", limit = 200m },
                new { name = "gpt4o", period = "daily", limit = 5m, models = new[] { "gpt-4o" } },
            },
        });
    }

    [Fact]
    public async Task Day_week_and_month_close_at_local_midnights_across_the_end_of_daylight_saving()
    {
        await ApplyAsync(_app, Usage(Team, 6m, Saturday).Build(), Usage(Team, 1m, Saturday.AddHours(1), "claude-3-5-sonnet").Build());
        await AdvanceAndRunAsync("2026-10-24T22:04Z");
        Assert.Empty(await StatementsAsync());
        await AdvanceAndRunAsync("2026-10-24T22:05Z");
        var statements = await StatementsAsync();
        var saturday = statements[("daily", At("2026-10-23T22:00Z"))];
        Assert.Equal(At("2026-10-24T22:00Z"), saturday.GetDateTimeOffset("PeriodEnd"));
        Assert.Equal(7_000_000_000, saturday.GetInt64("Spent"));
        Assert.Contains("claude-3-5-sonnet", saturday.GetString("Models"));
        Assert.Equal(6_000_000_000, statements[("gpt4o", At("2026-10-23T22:00Z"))].GetInt64("Spent"));

        // Sunday 25 October in Berlin lasts 25 hours: 2026-10-24T22:00Z to 2026-10-25T23:00Z; the ISO week ends with it.
        await ApplyAsync(_app, Usage(Team, 2m, At("2026-10-25T22:30Z")).Build());
        await AdvanceAndRunAsync("2026-10-25T23:05Z");
        statements = await StatementsAsync();
        var sunday = statements[("daily", At("2026-10-24T22:00Z"))];
        Assert.Equal(TimeSpan.FromHours(25), sunday.GetDateTimeOffset("PeriodEnd") - sunday.GetDateTimeOffset("PeriodStart"));
        Assert.Equal(2_000_000_000, sunday.GetInt64("Spent"));
        var week = statements[("weekly", At("2026-10-18T22:00Z"))];
        Assert.Equal(At("2026-10-25T23:00Z"), week.GetDateTimeOffset("PeriodEnd"));
        Assert.Equal(9_000_000_000, week.GetInt64("Spent"));

        // October ends at local midnight, 2026-10-31T23:00Z (UTC+1 by then).
        await ApplyAsync(_app, Usage(Team, 3m, At("2026-10-31T22:59Z")).Build());
        await AdvanceAndRunAsync("2026-10-31T23:04Z");
        Assert.DoesNotContain((await StatementsAsync()).Keys, k => k.Window == "monthly");
        await AdvanceAndRunAsync("2026-10-31T23:05Z");
        var october = (await StatementsAsync())[("monthly", At("2026-09-30T22:00Z"))];
        Assert.Equal(At("2026-10-31T23:00Z"), october.GetDateTimeOffset("PeriodEnd"));
        Assert.Equal(12_000_000_000, october.GetInt64("Spent"));
    }

    [Fact]
    public async Task A_skipped_timer_closes_every_finished_period_on_its_next_run_once()
    {
        await ApplyAsync(_app, Usage(Team, 6m, Saturday).Build());
        await ApplyAsync(_app, Usage(Team, 2m, At("2026-10-25T12:00Z")).Build());
        await ApplyAsync(_app, Usage(Team, 1m, At("2026-10-27T12:00Z")).Build());

        var late = await AdvanceAndRunAsync("2026-11-03T12:00Z");
        var again = await AdvanceAndRunAsync("2026-11-03T12:01Z");

        var statements = await StatementsAsync();
        Assert.Equal([At("2026-10-23T22:00Z"), At("2026-10-24T22:00Z"), At("2026-10-26T23:00Z")],
            statements.Keys.Where(k => k.Window == "daily").Select(k => k.Start).Order());
        Assert.Equal(2, statements.Keys.Count(k => k.Window == "weekly"));
        Assert.Single(statements.Keys, k => k.Window == "monthly");
        Assert.True(late.Statements >= 1);
        Assert.Equal(0, again.Statements);
    }

    [Fact]
    public async Task Two_runs_at_once_on_two_instances_write_each_statement_once()
    {
        await ApplyAsync(_app, Usage(Team, 6m, Saturday).Build());
        _app.Time.SetUtcNow(At("2026-10-25T23:10Z"));
        var other = StartInstance(At("2026-10-25T23:10Z"));

        var runs = await Task.WhenAll(RunRolloverAsync(_app), RunRolloverAsync(other), RunRolloverAsync(_app), RunRolloverAsync(other));

        var statements = await StatementsAsync();
        Assert.Equal(statements.Count, runs.Sum(r => r.Statements));
        Assert.Equal(3, statements.Count);
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
    }

    [Fact]
    public async Task After_rollover_the_thresholds_are_re_armed_for_the_new_day()
    {
        await ApplyAsync(_app, Usage(Team, 6m, Saturday).Build());
        await RunAlertsAsync(_app);
        await AdvanceAndRunAsync("2026-10-25T10:00Z");

        await ApplyAsync(_app, Usage(Team, 5m, At("2026-10-25T10:00Z")).Build());
        await RunAlertsAsync(_app);

        Assert.Equal(2, Smtp.Messages.Count(m => m.Subject?.Contains("\"daily\"") == true));
        var account = await new BillingClient(_app).AccountAsync(Team);
        Assert.Equal("[\"50%\"]", account.GetProperty("budgets")[0].GetProperty("thresholds_crossed").GetRawText());
        Assert.Equal(5m, account.GetProperty("budgets")[0].GetProperty("used").GetDecimal());
    }

    [Fact]
    public async Task The_check_does_not_wait_for_the_timer()
    {
        await ApplyAsync(_app, Usage(Team, 9.5m, Saturday).Build());
        _app.Time.SetUtcNow(At("2026-10-24T22:00Z"));

        var check = await (await new BillingClient(_app).CheckAsync(new { subjects = new { team = "acme" }, estimated_cost = 9m })).AssertJsonAsync(System.Net.HttpStatusCode.OK);

        Assert.True(check.GetProperty("allowed").GetBoolean());
        Assert.Equal(0m, check.GetProperty("subjects")[0].GetProperty("windows")[0].GetProperty("used").GetDecimal());
    }

    [Fact]
    public async Task The_run_summary_is_served_to_operators()
    {
        _app.Time.SetUtcNow(At("2026-10-24T22:10Z"));

        var summary = await new BillingClient(_app).RunTimerAsync("BudgetRollover");

        Assert.Equal(1, summary.GetProperty("due").GetInt32());
        Assert.Equal(1, summary.GetProperty("accounts").GetInt32());
        Assert.Equal(1, summary.GetProperty("rescheduled").GetInt32());
        var unknown = await new BillingClient(_app).AdminPostAsync("/api/timers/Nope/run");
        await unknown.AssertProblemAsync(System.Net.HttpStatusCode.NotFound, "name");
    }

    private async Task<Billing.Functions.Budgets.RolloverSummary> AdvanceAndRunAsync(string isoUtc)
    {
        _app.Time.SetUtcNow(At(isoUtc));
        return await RunRolloverAsync(_app);
    }

    private async Task<Dictionary<(string Window, DateTimeOffset Start), TableEntity>> StatementsAsync()
    {
        var partition = SubjectRow.PartitionKey(SubjectId.TryParse(Team, out var s) ? s : default);
        var rows = await _app.Tables.Ledger.QueryAsync<TableEntity>(r => r.PartitionKey == partition && r.RowKey.CompareTo("s|") >= 0 && r.RowKey.CompareTo("s}") < 0).ToListAsync();
        return rows.ToDictionary(r => (r.GetString("Window")!, r.GetDateTimeOffset("PeriodStart")!.Value));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
