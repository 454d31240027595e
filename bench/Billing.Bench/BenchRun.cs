using System.Diagnostics;
using Billing.Bench.Infrastructure;
using Billing.Bench.Micro;
using Billing.Bench.Report;
using Billing.Bench.Scenarios;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Bench;

/// <summary>
/// Runs the scenarios in order on one Azurite, collects one report, prints it, and writes docs/benchmarks.md after a
/// full run. A scenario that throws is reported as broken and the rest still run; any broken scenario fails the exit code.
/// </summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Run from the repository: package.json with azurite not found.");
        var report = new BenchReport(MachineInfo.Read(root), options.Mode);

        if (!options.MicroOnly)
        {
            await using var storage = await BenchStorage.StartAsync(cancellationToken);
            Log($"Azurite PID {storage.AzuriteProcessId}; mode {options.Mode}");
            var bodies = LiteLlmBodies.Load();
            var check = new CheckScenario(storage, options, report);
            if (options.Runs("raw")) await StepAsync("raw table baselines", report, () => new RawTableScenario(storage, options, report).RunAsync(cancellationToken));
            if (options.Runs("check")) await StepAsync("check", report, () => check.RunAsync(bodies, cancellationToken));
            if (options.Runs("reserve")) await StepAsync("reserve", report, () => new ReserveScenario(storage, options, report).RunAsync(cancellationToken));
            if (options.Runs("webhook")) await StepAsync("webhook", report, () => new WebhookScenario(options, report).RunAsync(bodies, cancellationToken));
            if (options.Runs("ingest")) await StepAsync("ingest", report, () => new IngestScenario(storage, options, report).RunAsync(bodies, cancellationToken));
            if (options.Runs("rollover")) await StepAsync("rollover", report, () => new RolloverScenario(storage, options, report).RunAsync(cancellationToken));
            if (options.Runs("telemetry")) await StepAsync("telemetry", report, async () => await new TelemetryScenario(storage, options, report).RunAsync(await check.EnsureSeededAsync(bodies, cancellationToken), cancellationToken));
            if (options.Runs("startup")) await StepAsync("start-up", report, async () => await new StartupScenario(storage, options, report).RunAsync(await check.EnsureSeededAsync(bodies, cancellationToken), bodies, cancellationToken));
        }
        if (options.Runs("micro")) await StepAsync("micro-benchmarks", report, () => Task.Run(() => MicroSuite.Run(options, report), cancellationToken));

        if (!options.Smoke) Floors.Evaluate(report);
        report.Duration = clock.Elapsed;
        var markdown = report.ToMarkdown();
        Console.WriteLine(markdown);
        if (options.WriteDocs && !options.MicroOnly) Log($"Wrote {DocsFile.Write(root, markdown)}");
        Log(report.Problems.Count == 0 ? $"OK in {clock.Elapsed.TotalSeconds:0} s" : $"{report.Problems.Count} broken scenario(s) in {clock.Elapsed.TotalSeconds:0} s");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    private static async Task StepAsync(string name, BenchReport report, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        Log($"{name}…");
        try
        {
            await step();
        }
        catch (Exception e)
        {
            report.Problems.Add($"{name} threw {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
        }
        Log($"{name} done in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
}
