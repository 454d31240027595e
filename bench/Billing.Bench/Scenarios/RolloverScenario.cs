using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Budgets;
using Billing.Functions.Storage;
using Billing.Functions.Timers;

namespace Billing.Bench.Scenarios;

/// <summary>
/// The BudgetRollover timer at midnight: N accounts with a daily and a monthly window, each with usage today, all due
/// at once. Measures one run (every daily period closed: one statement per account) and a second run right after
/// (nothing left: the cost of a doubled timer), against raw If-Match updates of one row per loop in the same run.
/// </summary>
public sealed class RolloverScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    private const int Parallelism = 16;
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var counter = new TableOperationCounter();
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var time = new SettableTime(Noon);
        await using var app = new BenchApp(storage, new() { ["Timers:BudgetRollover:Parallelism"] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) }, clientOptions, time);
        var accounts = options.RolloverAccounts;
        var subjects = Enumerable.Range(0, accounts).Select(i => new SubjectId(SubjectKind.Team, $"rollover-{i}")).ToList();

        var seeding = Stopwatch.StartNew();
        await BudgetAccounts.SaveAsync(app.Get<AccountStore>(), subjects, Noon, cancellationToken);
        var events = subjects.Select((s, i) => new UsageEvent(new UsageEventId($"rollover-{i}"), UsageStatus.Success, Noon.ToUnixTimeSeconds(), "gpt-4o", "openai",
            new TokenCounts(100, 20, 0, 0), 0.001m, false, [s])).ToList();
        foreach (var chunk in events.Chunk(1_000)) await app.Get<LedgerWriter>().ApplyAsync(chunk, cancellationToken);
        var seeded = seeding.Elapsed;

        var raw = storage.Table(BenchStorage.NewTablePrefix() + "raw");
        await raw.CreateIfNotExistsAsync(cancellationToken);
        var updates = await LoadRunner.RunAsync(Parallelism, options.Warmup, options.Window, loop => RawTable.UpdateLoopAsync(raw, loop), 1, cancellationToken);

        time.Set(new DateTimeOffset(2026, 12, 2, 0, 5, 1, TimeSpan.Zero));
        var handler = app.Get<BudgetRolloverHandler>();
        var first = await MeasureAsync(handler, counter, time, cancellationToken);
        var second = await MeasureAsync(handler, counter, time, cancellationToken);

        if (first.Summary.Accounts != accounts || first.Summary.Statements != accounts || first.Summary.Failed != 0)
            report.Problems.Add($"Rollover: expected {accounts} accounts and statements, got {first.Summary}");
        if (second.Summary.Statements != 0) report.Problems.Add($"Rollover: a second run wrote {second.Summary.Statements} statements again");
        report.Timers.Add(new TimerRow($"BudgetRollover at midnight, {accounts:N0} accounts due", accounts, first.Seconds, first.Operations, updates.ItemsPerSecond));
        report.Timers.Add(new TimerRow($"BudgetRollover run again at once ({second.Summary.Due} due)", accounts, second.Seconds, second.Operations, updates.ItemsPerSecond));
        report.Notes.Add($"Rollover: {accounts:N0} accounts (daily hard + monthly soft windows, one event each) seeded in {seeded.TotalSeconds:0.0} s through the app's "
            + $"account store and ledger writer; the run processes {Parallelism} accounts at a time; the baseline is raw If-Match merges of one row per loop at "
            + $"{Parallelism} concurrent, measured just before. Per account: a state read, one transaction (statement + state), the next due job and the removal of this one.");
        await Task.WhenAll(app.DeleteStorageAsync(), raw.DeleteAsync(cancellationToken));
    }

    private static async Task<(RolloverSummary Summary, double Seconds, TableOperationCounts Operations)> MeasureAsync(
        BudgetRolloverHandler handler, TableOperationCounter counter, SettableTime time, CancellationToken cancellationToken)
    {
        var before = counter.Snapshot();
        var clock = Stopwatch.StartNew();
        var json = await handler.RunAsync(new TimerRun(time.GetUtcNow(), OnDemand: false), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var summary = System.Text.Json.JsonSerializer.Deserialize<RolloverSummary>(json.GetRawText(),
            new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower })!;
        return (summary, seconds, counter.Snapshot() - before);
    }

    /// <summary>A clock the scenario sets: the handlers read only the current time.</summary>
    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
