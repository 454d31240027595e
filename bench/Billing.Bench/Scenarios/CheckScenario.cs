using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>
/// <c>POST /api/check</c> over HTTP. Uncached (<c>Check:Cache:Window</c> 0), alternated with raw point reads of the
/// same rows; cached (default 1 s window), alternated with <c>GET /</c> on the same Kestrel, the HTTP floor.
/// </summary>
public sealed class CheckScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    private static readonly byte[] Allowed = "\"allowed\":true"u8.ToArray();

    /// <summary>The table prefix whose ledger holds the seeded subjects, for the start-up scenario.</summary>
    public string SeededTablePrefix { get; private set; } = "";

    /// <summary>Seeds the subjects on their own when the check scenario itself is not run.</summary>
    public async Task<string> EnsureSeededAsync(LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        if (SeededTablePrefix.Length > 0) return SeededTablePrefix;
        await using var app = new BenchApp(storage, []);
        app.StartServer();
        await SeededSubjects.SeedAsync(app, bodies, cancellationToken);
        return SeededTablePrefix = app.TablePrefix;
    }

    public async Task RunAsync(LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        var appReads = new TransportTimer();
        var rawReads = new TransportTimer();
        await using (var app = new BenchApp(storage, new() { ["Check:Cache:Window"] = "00:00:00" }, Timed(appReads)))
        {
            app.StartServer();
            await SeededSubjects.SeedAsync(app, bodies, cancellationToken);
            SeededTablePrefix = app.TablePrefix;
            var ledger = storage.Table(app.TablePrefix + "ledger", Timed(rawReads));
            foreach (var count in new[] { 1, 5 })
            foreach (var concurrency in new[] { 1, 32 })
            {
                var subjects = SeededSubjects.All(count);
                using var connections = new ConnectionSet(app.Endpoint);
                appReads.Take();
                rawReads.Take();
                var (raw, check) = await LoadRunner.AlternateAsync(options.Rounds + 1,
                    () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop => RawTable.ReadLoopAsync(ledger, subjects, loop), cancellationToken: cancellationToken),
                    () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop => CheckLoopAsync(connections, count, loop, cancellationToken), cancellationToken: cancellationToken));
                Add($"Check over HTTP, uncached, {count} subject(s)", concurrency, check, $"raw point reads, {count} in parallel", raw);
                var (inApp, straight) = (appReads.Take(), rawReads.Take());
                report.Notes.Add($"Uncached check, {count} subject(s), {concurrency} concurrent: the point reads themselves (timed at the SDK transport) took "
                    + $"p50 {BenchReport.Ms(inApp.P50)} / p99 {BenchReport.Ms(inApp.P99)} ms inside the app and p50 {BenchReport.Ms(straight.P50)} / p99 {BenchReport.Ms(straight.P99)} ms from the bench.");
            }
        }

        await using (var app = new BenchApp(storage, new() { ["Storage:TablePrefix"] = SeededTablePrefix }))
        {
            app.StartServer();
            var root = RawHttpConnection.Request("GET", "/", null, null);
            foreach (var count in new[] { 1, 5 })
            foreach (var concurrency in new[] { 1, 8, 32 })
            {
                using var connections = new ConnectionSet(app.Endpoint);
                var (floor, check) = await LoadRunner.AlternateAsync(options.Rounds,
                    () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, _ => GetLoopAsync(connections, root, cancellationToken), cancellationToken: cancellationToken),
                    () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop => CheckLoopAsync(connections, count, loop, cancellationToken), cancellationToken: cancellationToken));
                Add($"Check over HTTP, cached (1 s window), {count} subject(s)", concurrency, check, "GET / on the same Kestrel (HTTP floor)", floor);
            }
        }
    }

    private static Azure.Data.Tables.TableClientOptions Timed(TransportTimer timer)
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(timer, Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    private void Add(string scenario, int concurrency, Measurement check, string baselineName, Measurement baseline)
    {
        report.Throughput.Add(new ThroughputRow(scenario, concurrency, "checks/s", check, baselineName, baseline));
        if (check.Errors > 0 || baseline.Errors > 0)
            report.Problems.Add($"{scenario}, {concurrency} concurrent: {check.Errors} wrong check answers, {baseline.Errors} failed baseline operations.");
        if (check.Operations == 0) report.Problems.Add($"{scenario}, {concurrency} concurrent: no check completed.");
    }

    internal static async Task<LoadOperation> CheckLoopAsync(ConnectionSet connections, int count, int loop, CancellationToken cancellationToken)
    {
        var requests = SeededSubjects.CheckRequests(count);
        var connection = await connections.OpenAsync(cancellationToken);
        var next = loop;
        return async token =>
        {
            var status = await connection.SendAsync(requests[next++ % requests.Length], token);
            return status == 200 && connection.Body.IndexOf(Allowed) >= 0;
        };
    }

    private static async Task<LoadOperation> GetLoopAsync(ConnectionSet connections, byte[] request, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        return async token => await connection.SendAsync(request, token) == 200;
    }
}
