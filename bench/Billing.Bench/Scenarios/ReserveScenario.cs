using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// <c>POST /api/check</c> with <c>"reserve": true</c> over HTTP: every check holds its estimate on the subject's state
/// row with an If-Match merge. One hot team, against the raw If-Match merge of one row at 1 concurrent (a hot
/// subject's holds are written one batch at a time); and many teams round robin, against raw merges of one row per
/// loop at the same concurrency. Every team has a hard daily window far above what the run reserves, so every check
/// writes a hold and none is denied (a denial counts as a wrong answer). Holds are pruned on every write, so a
/// subject's hold list is its reservations/s × how long a hold lives: <see cref="HoldTtl"/>, the shortest TTL the app
/// accepts, and again for the hot team on an app whose clock runs <see cref="FastClockSpeed"/>× (holds live
/// 0.5 s of real time), which separates what a write costs from what the list it carries costs.
/// </summary>
public sealed class ReserveScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    public static readonly TimeSpan HoldTtl = TimeSpan.FromSeconds(10);
    public const double FastClockSpeed = 20;
    private static readonly int[] Concurrencies = [16, 64];
    private static readonly byte[] Reserved = "\"reservation_id\":\"res_"u8.ToArray();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var rawMerges = TransportTimer.Merges();
        var rawOptions = new TableClientOptions();
        rawOptions.AddPolicy(rawMerges, HttpPipelinePosition.PerRetry);
        var raw = storage.Table(BenchStorage.NewTablePrefix() + "raw", rawOptions);
        await raw.CreateIfNotExistsAsync(cancellationToken);
        Func<int, Func<Task<Measurement>>> rawUpdates = concurrency => () =>
            LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop => RawTable.UpdateLoopAsync(raw, loop), cancellationToken: cancellationToken);
        var hot = new SubjectId(SubjectKind.Team, "hot");
        var many = Enumerable.Range(0, options.ManySubjects).Select(i => new SubjectId(SubjectKind.Team, $"reserve-{i}")).ToList();
        var ttl = $"{HoldTtl.TotalSeconds:0} s";

        await using (var workload = await StartAsync(null, rawMerges, [hot, .. many], cancellationToken))
        {
            foreach (var concurrency in Concurrencies)
                await MeasureAsync(workload, $"one hot team, holds live {ttl}", concurrency, [hot], "raw If-Match merge of one row, 1 concurrent", rawUpdates(1), cancellationToken);
            foreach (var concurrency in Concurrencies)
                await MeasureAsync(workload, $"{many.Count:N0} teams round robin, holds live {ttl}", concurrency, many,
                    $"raw If-Match merges, one row per loop, {concurrency} concurrent", rawUpdates(concurrency), cancellationToken);
        }
        await using (var workload = await StartAsync(new FastClock(FastClockSpeed), rawMerges, [hot], cancellationToken))
        {
            var lives = $"{HoldTtl.TotalSeconds / FastClockSpeed:0.0#} s (app clock {FastClockSpeed:0}× fast)";
            foreach (var concurrency in Concurrencies)
                await MeasureAsync(workload, $"one hot team, holds live {lives}", concurrency, [hot], "raw If-Match merge of one row, 1 concurrent", rawUpdates(1), cancellationToken);
        }
        await raw.DeleteAsync(cancellationToken);

        report.Notes.Add($"Reserving checks: `{{\"subjects\":{{\"team\":…}},\"estimated_cost\":0.000001,\"reserve\":true}}` on keep-alive connections; "
            + $"Check:Reservations:Ttl {ttl} (the shortest the app accepts), so a team's hold list is its reservations/s × {ttl}, or × {HoldTtl.TotalSeconds / FastClockSpeed:0.0#} s "
            + $"on the app whose clock runs {FastClockSpeed:0}× (expired holds are pruned on every write; the state row keeps them as JSON in 8 columns of up to 30,000 characters, ~77 per hold). "
            + "Each team has a daily hard window of $1,000,000, so every check writes a hold. Before measuring, one reserving check per team (not counted). "
            + "Table operations and 412s are counted on the app's client over every reserving check of the workload, warm-up included; "
            + "without a `reservation_id` each check also upserts its row in the reservation index, one partition for all reservations.");
    }

    /// <summary>An app with reservations on and accounts for <paramref name="subjects"/>, each reserved once so this process has read and written it.</summary>
    private async Task<Workload> StartAsync(TimeProvider? time, TransportTimer rawMerges, IReadOnlyList<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var counter = new TableOperationCounter();
        var appMerges = TransportTimer.Merges();
        var appOptions = new TableClientOptions();
        appOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        appOptions.AddPolicy(appMerges, HttpPipelinePosition.PerRetry);
        var app = new BenchApp(storage, new() { ["Check:Reservations:Ttl"] = HoldTtl.ToString("c", CultureInfo.InvariantCulture) }, appOptions, time);
        app.StartServer();
        await BudgetAccounts.SaveAsync(app.Get<AccountStore>(), subjects, (time ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        await WarmAsync(app, [.. subjects.Select(Request)], cancellationToken);
        return new Workload(app, counter, appMerges, rawMerges, storage.Table(app.TablePrefix + "ledger"));
    }

    private async Task MeasureAsync(Workload workload, string name, int concurrency, IReadOnlyList<SubjectId> subjects, string baselineName,
        Func<Task<Measurement>> baseline, CancellationToken cancellationToken)
    {
        using var connections = new ConnectionSet(workload.App.Endpoint);
        var requests = subjects.Select(Request).ToArray();
        var tally = new Tally();
        workload.AppMerges.Take();
        workload.RawMerges.Take();
        var before = workload.Counter.Snapshot();
        var (raw, reserve) = await LoadRunner.AlternateAsync(options.Rounds, baseline,
            () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop => ReserveLoopAsync(connections, requests, tally, cancellationToken), cancellationToken: cancellationToken));
        var operations = workload.Counter.Snapshot() - before;
        var (inApp, straight) = (workload.AppMerges.Take(), workload.RawMerges.Take());
        var (holds, chars) = await LargestHoldListAsync(workload.Ledger, subjects, cancellationToken);

        report.Reserve.Add(new ReserveRow($"Reserving check, {name}", concurrency, reserve, baselineName, raw, tally.Checks, operations, holds, chars));
        report.Notes.Add($"Reserving check, {name}, {concurrency} concurrent: {tally.Checks:N0} checks, {operations}. The {inApp.Operations:N0} hold merges themselves (timed at the SDK transport) "
            + $"took p50 {BenchReport.Ms(inApp.P50)} / p99 {BenchReport.Ms(inApp.P99)} ms inside the app, the raw merges p50 {BenchReport.Ms(straight.P50)} / p99 {BenchReport.Ms(straight.P99)} ms; "
            + $"largest hold list at the end {holds:N0} holds ({chars:N0} JSON characters).");
        if (reserve.Errors > 0 || raw.Errors > 0)
            report.Problems.Add($"Reserving check, {name}, {concurrency} concurrent: {reserve.Errors} checks not reserved (denied or failed), {raw.Errors} failed baseline operations.");
        if (reserve.Operations == 0) report.Problems.Add($"Reserving check, {name}, {concurrency} concurrent: no check completed.");
    }

    private static async Task<LoadOperation> ReserveLoopAsync(ConnectionSet connections, byte[][] requests, Tally tally, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        return async token =>
        {
            var status = await connection.SendAsync(requests[tally.Next() % requests.Length], token);
            return status == 200 && connection.Body.IndexOf(Reserved) >= 0;
        };
    }

    private static async Task WarmAsync(BenchApp app, byte[][] requests, CancellationToken cancellationToken)
    {
        using var connections = new ConnectionSet(app.Endpoint);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            var connection = await connections.OpenAsync(cancellationToken);
            for (var i = Interlocked.Increment(ref next); i < requests.Length; i = Interlocked.Increment(ref next))
            {
                if (await connection.SendAsync(requests[i], cancellationToken) != 200 || connection.Body.IndexOf(Reserved) < 0)
                    throw new InvalidOperationException($"Warm-up reserving check not reserved: {connection.BodyText}");
            }
        }));
    }

    /// <summary>The longest hold list among <paramref name="subjects"/>' state rows: holds, and characters of JSON.</summary>
    private static async Task<(int Holds, int Chars)> LargestHoldListAsync(TableClient ledger, IReadOnlyList<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var largest = (Holds: 0, Chars: 0);
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (subject, token) =>
        {
            var row = (await ledger.GetEntityAsync<TableEntity>(SubjectRow.PartitionKey(subject), SubjectRow.RowKey, cancellationToken: token)).Value;
            var list = (HoldColumns.Read(row).Holds.Count, Enumerable.Range(0, 8).Sum(i => row.GetString("H" + i)?.Length ?? 0));
            lock (subjects)
            {
                if (list.Item2 > largest.Chars) largest = list;
            }
        });
        return largest;
    }

    private static byte[] Request(SubjectId subject) => RawHttpConnection.Request("POST", "/api/check", BenchKeys.Check,
        Encoding.UTF8.GetBytes($$"""{"subjects":{"{{SubjectKinds.Name(subject.Kind)}}":"{{subject.Id}}"},"estimated_cost":0.000001,"reserve":true}"""));

    private sealed record Workload(BenchApp App, TableOperationCounter Counter, TransportTimer AppMerges, TransportTimer RawMerges, TableClient Ledger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(App.DeleteStorageAsync(), App.Tables.Reservations.DeleteAsync(), App.Tables.Accounts.DeleteAsync());
            await App.DisposeAsync();
        }
    }

    /// <summary>Round robin over the requests, shared by every loop; <see cref="Checks"/> counts the checks sent (warm-up included).</summary>
    private sealed class Tally
    {
        private long _next = -1;

        public long Checks => Interlocked.Read(ref _next) + 1;

        public int Next() => (int)(Interlocked.Increment(ref _next) % int.MaxValue);
    }
}
