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
/// writes a hold and none is denied (a denial counts as a wrong answer).
/// <para>
/// Every write carries the subject's whole hold list, which is its reservations/s × how long a hold lives, and the
/// app accepts no TTL under <see cref="HoldTtl"/>: at a hot team's rate 10 s of holds outgrow the state row (about
/// 3,100 holds) within seconds. So the hot team runs on apps whose clock runs fast (<see cref="FastClock"/>), where
/// holds live <see cref="HotHoldLives"/> of real time: the shorter one measures the write, the longer one what the
/// list costs on top.
/// </para>
/// </summary>
public sealed class ReserveScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    public static readonly TimeSpan HoldTtl = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan[] HotHoldLives = [TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5)];
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

        foreach (var lives in HotHoldLives)
        {
            // A hot team per concurrency, so each row's hold list holds only that row's checks.
            var hot = Concurrencies.ToDictionary(c => c, c => new SubjectId(SubjectKind.Team, $"hot-{c}"));
            var speed = HoldTtl / lives;
            await using var workload = await StartAsync(new FastClock(speed), rawMerges, [.. hot.Values], cancellationToken);
            foreach (var concurrency in Concurrencies)
                await MeasureAsync(workload, $"one hot team, holds live {Seconds(lives)} (app clock {speed:0}× fast)", lives, concurrency, [hot[concurrency]],
                    "raw If-Match merge of one row, 1 concurrent", rawUpdates(1), cancellationToken);
        }
        var many = Enumerable.Range(0, options.ManySubjects).Select(i => new SubjectId(SubjectKind.Team, $"reserve-{i}")).ToList();
        await using (var workload = await StartAsync(null, rawMerges, many, cancellationToken))
        {
            foreach (var concurrency in Concurrencies)
                await MeasureAsync(workload, $"{many.Count:N0} teams round robin, holds live {Seconds(HoldTtl)}", HoldTtl, concurrency, many,
                    $"raw If-Match merges, one row per loop, {concurrency} concurrent", rawUpdates(concurrency), cancellationToken);
        }
        await raw.DeleteAsync(cancellationToken);

        report.Notes.Add($"Reserving checks: `{{\"subjects\":{{\"team\":…}},\"estimated_cost\":0.000001,\"reserve\":true}}` on keep-alive connections, "
            + $"Check:Reservations:Ttl {Seconds(HoldTtl)} (the shortest the app accepts). A team's hold list is its reservations/s × how long holds live: "
            + "expired holds are pruned on every write, and the state row keeps the list as JSON (~77 characters a hold for these ids) in 8 columns of up to 30,000 characters; "
            + "past Check:Reservations:MaxHoldsPerSubject (2,500 here, 2,000 by default) or 200K characters a reservation is denied. "
            + $"At a hot team's rate {Seconds(HoldTtl)} of holds pass that cap, so the hot team runs on apps whose clock runs fast and holds live "
            + string.Join(" or ", HotHoldLives.Select(Seconds)) + " of real time; the 1,000 teams hold a few each on a real clock. "
            + "Each team has a daily hard window of $1,000,000, so every check writes a hold. Before measuring, one reserving check per team (not counted). "
            + "Table operations and 412s are counted on the app's client over every reserving check of the workload, warm-up included; "
            + "the reservation ids name their subjects, so no index row is written.");
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    /// <summary>An app with reservations on and accounts for <paramref name="subjects"/>, each reserved once so this process has read and written it.</summary>
    private async Task<Workload> StartAsync(TimeProvider? time, TransportTimer rawMerges, IReadOnlyList<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var counter = new TableOperationCounter();
        var appMerges = TransportTimer.Merges();
        var appOptions = new TableClientOptions();
        appOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        appOptions.AddPolicy(appMerges, HttpPipelinePosition.PerRetry);
        var app = new BenchApp(storage, new() { ["Check:Reservations:Ttl"] = HoldTtl.ToString("c", CultureInfo.InvariantCulture), ["Check:Reservations:MaxHoldsPerSubject"] = "2500" }, appOptions, time);
        app.StartServer();
        await BudgetAccounts.SaveAsync(app.Get<AccountStore>(), subjects, (time ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        await WarmAsync(app, [.. subjects.Select(Request)], cancellationToken);
        return new Workload(app, counter, appMerges, rawMerges, storage.Table(app.TablePrefix + "ledger"));
    }

    private async Task MeasureAsync(Workload workload, string name, TimeSpan holdsLive, int concurrency, IReadOnlyList<SubjectId> subjects, string baselineName,
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

        report.Reserve.Add(new ReserveRow($"Reserving check, {name}", holdsLive, concurrency, reserve, baselineName, raw, tally.Checks, operations, holds, chars));
        report.Notes.Add($"Reserving check, {name}, {concurrency} concurrent: {tally.Checks:N0} checks, {operations}. The {inApp.Operations:N0} hold merges themselves (timed at the SDK transport) "
            + $"took p50 {BenchReport.Ms(inApp.P50)} / p99 {BenchReport.Ms(inApp.P99)} ms inside the app, the raw merges p50 {BenchReport.Ms(straight.P50)} / p99 {BenchReport.Ms(straight.P99)} ms; "
            + $"largest hold list at the end {holds:N0} holds ({chars:N0} JSON characters).");
        if (reserve.Errors > 0 || raw.Errors > 0)
            report.Problems.Add($"Reserving check, {name}, {concurrency} concurrent: {reserve.Errors} checks not reserved, {tally.Failed} of them answered an error "
                + $"(first: {tally.FirstFailure ?? "none"}; a 500 with a hold list near 240,000 characters is the list outgrowing the state row, {raw.Errors} failed baseline operations.");
        if (reserve.Operations == 0) report.Problems.Add($"Reserving check, {name}, {concurrency} concurrent: no check completed.");
    }

    private static async Task<LoadOperation> ReserveLoopAsync(ConnectionSet connections, byte[][] requests, Tally tally, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        return async token =>
        {
            var status = await connection.SendAsync(requests[tally.Next() % requests.Length], token);
            if (status != 200) tally.Fail(status, connection.BodyText);
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
            await Task.WhenAll(App.DeleteStorageAsync(), App.Tables.Accounts.DeleteAsync());
            await App.DisposeAsync();
        }
    }

    /// <summary>
    /// Round robin over the requests, shared by every loop; <see cref="Checks"/> counts the checks sent (warm-up
    /// included), <see cref="Failed"/> those answered with an error status.
    /// </summary>
    private sealed class Tally
    {
        private long _next = -1;
        private long _failed;

        public long Checks => Interlocked.Read(ref _next) + 1;

        public long Failed => Interlocked.Read(ref _failed);

        public string? FirstFailure { get; private set; }

        public int Next() => (int)(Interlocked.Increment(ref _next) % int.MaxValue);

        public void Fail(int status, string body)
        {
            if (Interlocked.Increment(ref _failed) == 1) FirstFailure = $"{status} {body[..Math.Min(body.Length, 200)]}";
        }
    }
}
