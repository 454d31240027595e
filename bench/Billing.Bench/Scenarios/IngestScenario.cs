using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;
using Billing.Domain.Ledger;

namespace Billing.Bench.Scenarios;

/// <summary>
/// Exactly-once ingest end to end: LiteLLM batches posted to the webhook until the app's own queue consumers have
/// applied every event to the ledger (queue empty and every subject's counters equal to what was posted). Table
/// operations are counted on the app's client. Each workload is preceded by a raw 99 + 1 transaction measurement
/// and followed by the naive one-transaction-per-event writer on the same events.
/// </summary>
public sealed class IngestScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    public const int Consumers = 4;
    public const int NaiveWriters = 8;
    private const int Posters = 2;
    private const int BatchSize = 512;

    public async Task RunAsync(LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        var counter = new TableOperationCounter();
        await using var app = new BenchApp(storage, new() { ["UsageQueue:Consumers"] = Consumers.ToString(CultureInfo.InvariantCulture) }, Counted(counter));
        app.StartServer();
        var ledger = storage.Table(app.TablePrefix + "ledger");
        var raw = storage.Table(BenchStorage.NewTablePrefix() + "raw");
        await raw.CreateIfNotExistsAsync(cancellationToken);
        var naiveCounter = new TableOperationCounter();
        var naive = storage.Table(BenchStorage.NewTablePrefix() + "naive", Counted(naiveCounter));
        await naive.CreateIfNotExistsAsync(cancellationToken);

        var warmup = IngestWorkload.Build(bodies, "warm-up", options.Smoke ? 64 : 2 * BatchSize, BatchSize, n => new Attribution($"warm-{n % 8}"));
        Warmed(await IngestAsync(app, ledger, counter, warmup, warmup.Expected, double.NaN, cancellationToken));

        foreach (var (name, events, subjects, attribution, prepaid) in Workloads())
        {
            // Steady state: every subject already has its row and this instance has written it once. The first touch
            // of a subject costs one read and one create per instance; that is per subject, not per event.
            var warm = IngestWorkload.Build(bodies, "warm-up, " + name, subjects, BatchSize, attribution);
            var warmSubjects = warm.Events.SelectMany(e => e.Subjects).Distinct().ToList();
            await BudgetAccounts.SaveAsync(app.Get<Billing.Functions.Storage.AccountStore>(), warmSubjects, DateTimeOffset.UtcNow, cancellationToken, prepaid);
            if (prepaid) await BudgetAccounts.GrantAsync(app.Get<Billing.Functions.Storage.CreditStore>(), warmSubjects, cancellationToken);
            Warmed(await IngestAsync(app, ledger, counter, warm, warm.Expected, double.NaN, cancellationToken));
            var workload = IngestWorkload.Build(bodies, name, events, BatchSize, attribution);
            var expected = IngestWorkload.Totals(warm.Events.Concat(workload.Events));
            var rawRows = await LoadRunner.RunAsync(1, options.Warmup, options.Window, loop => RawTable.TransactionLoopAsync(raw, loop), RawTable.EventsPerTransaction, cancellationToken);
            Add(await IngestAsync(app, ledger, counter, workload, expected, rawRows.ItemsPerSecond, cancellationToken));
            Add(await NaiveAsync(naive, naiveCounter, workload, rawRows.ItemsPerSecond, cancellationToken));
        }
        await new FreshnessProbe(storage, options, report).RunAsync(app, bodies, cancellationToken);
        await LagoOutboxAsync(bodies, raw, cancellationToken);
        await Task.WhenAll(app.DeleteStorageAsync(), raw.DeleteAsync(cancellationToken), naive.DeleteAsync(cancellationToken));
        report.Notes.Add($"Ingest: the app runs {Consumers} queue consumers (UsageQueue:IdleDelay 10 ms), {Posters} webhook posters send {BatchSize}-event batches; "
            + $"the naive writer runs {NaiveWriters} parallel writers in this process for {options.NaiveWindow.TotalSeconds:0.#} s on the same events, each subject owned by one writer (its events are event-subjects ÷ subjects per event). "
            + "Every subject has an account with two budget windows (daily hard, monthly soft), so each posting also updates window counters. "
            + "Before each workload one event per subject is ingested (not counted), so rows exist and the instance has written them: the steady state. "
            + "Table operations count every point read, query, insert and update, each sub-request of a transaction separately, SDK retries included; "
            + "the ratio compares event-subjects/s with rows/s of raw 99 + 1 transactions on one partition, measured just before.");
    }

    /// <summary>
    /// The hot team with the Lago sync on: each of its transactions also writes an outbox row (and, once a minute per
    /// process, its push job). Its own app, since the sync is a setting; Lago itself is not called (the push timer is
    /// not run), so this measures what the ledger pays for the outbox.
    /// </summary>
    private async Task LagoOutboxAsync(LiteLlmBodies bodies, TableClient raw, CancellationToken cancellationToken)
    {
        var counter = new TableOperationCounter();
        await using var app = new BenchApp(storage, new()
        {
            ["UsageQueue:Consumers"] = Consumers.ToString(CultureInfo.InvariantCulture),
            ["Lago:ApiUrl"] = "http://127.0.0.1:9",
            ["Lago:ApiKey"] = "bench-lago-key",
        }, Counted(counter));
        app.StartServer();
        var ledger = storage.Table(app.TablePrefix + "ledger");
        const string name = "one hot team with the Lago outbox (key + team per event)";
        var attribution = (int _) => new Attribution("hot-lago-key", Team: "hot-lago-team");
        var warm = IngestWorkload.Build(bodies, "warm-up, " + name, 1, BatchSize, attribution);
        await BudgetAccounts.SaveAsync(app.Get<Billing.Functions.Storage.AccountStore>(), warm.Events.SelectMany(e => e.Subjects).Distinct().ToList(), DateTimeOffset.UtcNow, cancellationToken);
        Warmed(await IngestAsync(app, ledger, counter, warm, warm.Expected, double.NaN, cancellationToken));
        var workload = IngestWorkload.Build(bodies, name, options.HotSubjectEvents, BatchSize, attribution);
        var expected = IngestWorkload.Totals(warm.Events.Concat(workload.Events));
        var rawRows = await LoadRunner.RunAsync(1, options.Warmup, options.Window, loop => RawTable.TransactionLoopAsync(raw, loop), RawTable.EventsPerTransaction, cancellationToken);
        Add(await IngestAsync(app, ledger, counter, workload, expected, rawRows.ItemsPerSecond, cancellationToken));
        var outboxed = 0L;
        await foreach (var row in ledger.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("o|") >= 0 && e.RowKey.CompareTo("o}") < 0, select: ["Count"], cancellationToken: cancellationToken))
            outboxed += row.GetInt32("Count") ?? 0;
        var inOutbox = warm.Events.Concat(workload.Events).Count(e => e.Status == Billing.Domain.Usage.UsageStatus.Success);
        if (outboxed != inOutbox) report.Problems.Add($"Ingest {name}: {outboxed} events in the Lago outbox, expected {inOutbox}.");
        await app.DeleteStorageAsync();
    }

    /// <summary>Name, events, how many events touch every subject once (n = 0 .. that - 1), and who each event is for.</summary>
    private IEnumerable<(string Name, int Events, int Subjects, Func<int, Attribution> Attribution, bool Prepaid)> Workloads()
    {
        yield return ("one hot subject", options.HotSubjectEvents, 1, _ => new Attribution("hot"), false);
        yield return ("one hot prepaid subject (its credits burn)", options.HotSubjectEvents, 1, _ => new Attribution("hot-prepaid"), true);
        var many = options.ManySubjects;
        yield return ($"{many:N0} subjects", options.ManySubjectsEvents, many, n => new Attribution($"many-{(n * 7919L) % many}"), false);
        yield return ("5 subjects per event (16 keys, 64 users, 4 teams, 1 org, 256 end users)", options.FiveSubjectEvents, 256,
            n => new Attribution($"five-key-{n % 16}", $"five-user-{n % 64}", $"five-team-{n % 4}", "five-org", $"five-end-user-{n % 256}"), false);
    }

    private void Warmed(IngestRow row)
    {
        if (row.LedgerCheck != "sums match") report.Problems.Add($"Ingest {row.Workload}: {row.LedgerCheck}");
    }

    private void Add(IngestRow row)
    {
        report.Ingest.Add(row);
        if (row.LedgerCheck != "sums match") report.Problems.Add($"Ingest {row.Workload} ({row.Writer}): {row.LedgerCheck}");
        if (row.Events == 0 || double.IsNaN(row.OperationsPerEventSubject) || row.Operations.EntityOperations == 0)
            report.Problems.Add($"Ingest {row.Workload} ({row.Writer}): operations per event-subject cannot be computed ({row.Operations}).");
    }

    /// <summary>Posts the workload and waits until the queue is empty and every subject's counters equal <paramref name="expected"/>.</summary>
    private async Task<IngestRow> IngestAsync(BenchApp app, TableClient ledger, TableOperationCounter counter, IngestWorkload workload,
        IReadOnlyDictionary<string, UsageCounters> expected, double rawRows, CancellationToken cancellationToken)
    {
        using var connections = new ConnectionSet(app.Endpoint);
        var requests = workload.Bodies.Select(b => RawHttpConnection.Request("POST", "/api/usage", BenchKeys.Ingest, b)).ToList();
        var before = counter.Snapshot();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var rejectedPosts = 0;
        await Task.WhenAll(Enumerable.Range(0, Posters).Select(async _ =>
        {
            var connection = await connections.OpenAsync(cancellationToken);
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var status = await connection.SendAsync(requests[i], cancellationToken);
                if (status != 202 || connection.Body.IndexOf("\"rejected\":[]"u8) < 0) Interlocked.Increment(ref rejectedPosts);
            }
        }));
        var posted = clock.Elapsed;

        string? differences = null;
        var deadline = TimeSpan.FromSeconds(options.Smoke ? 60 : 180);
        while ((await app.UsageQueue.Queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount > 0 && clock.Elapsed < deadline)
            await Task.Delay(20, cancellationToken);
        var applied = clock.Elapsed;
        while ((differences = await LedgerCheck.DifferencesAsync(ledger, expected, cancellationToken)) is not null && clock.Elapsed < deadline)
        {
            await Task.Delay(100, cancellationToken);
            applied = clock.Elapsed;
        }
        var operations = counter.Snapshot() - before;
        var poisoned = 0;
        await foreach (var _ in app.Tables.Quarantine.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken)) poisoned++;

        var check = differences ?? (rejectedPosts > 0 ? $"{rejectedPosts} posts not fully accepted" : poisoned > 0 ? $"{poisoned} quarantined" : "sums match");
        if (double.IsNaN(rawRows)) return new IngestRow(workload.Name, "app", workload.Events.Count, workload.EventSubjects, applied.TotalSeconds, operations, rawRows, check);
        report.Notes.Add($"Ingest {workload.Name}: posting took {posted.TotalSeconds:0.00} s of {applied.TotalSeconds:0.00} s; {operations}.");
        return new IngestRow(workload.Name, "app (webhook → queue → ledger)", workload.Events.Count, workload.EventSubjects, applied.TotalSeconds, operations, rawRows, check);
    }

    private async Task<IngestRow> NaiveAsync(TableClient table, TableOperationCounter counter, IngestWorkload workload, double rawRows, CancellationToken cancellationToken)
    {
        var before = counter.Snapshot();
        var result = await NaiveLedger.RunAsync(table, workload.Events, NaiveWriters, options.NaiveWindow, cancellationToken);
        var operations = counter.Snapshot() - before;
        var differences = await LedgerCheck.DifferencesAsync(table, IngestWorkload.Totals(result.Applied), cancellationToken);
        var subjectsPerEvent = workload.EventSubjects / (double)workload.Events.Count;
        return new IngestRow(workload.Name, "naive (1 transaction per event-subject, in-process)", (long)Math.Round(result.Applied.Count / subjectsPerEvent),
            result.Applied.Count, result.Seconds, operations, rawRows, differences ?? "sums match");
    }

    private static TableClientOptions Counted(TableOperationCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }
}
