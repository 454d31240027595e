using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>
/// The app as a separate process on 127.0.0.1: time from process start to the first successful check (JIT build,
/// and NativeAOT when a binary is given), then resident memory (/proc/&lt;pid&gt;/status) idle and under load. Only
/// the processes started here are stopped, by PID.
/// </summary>
public sealed class StartupScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    private static readonly byte[] Allowed = "\"allowed\":true"u8.ToArray();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public async Task RunAsync(string seededTablePrefix, LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        var configuration = typeof(StartupScenario).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var jit = Path.Combine(storage.RepositoryRoot, "src", "Functions", "bin", configuration, "net10.0", "Billing.Functions");
        var load = Enumerable.Range(0, 4).Select(i => RawHttpConnection.Request("POST", "/api/usage", BenchKeys.Ingest,
            bodies.Batch($"rss-{Guid.NewGuid():N}", 0, options.WebhookBatch, SeededSubjects.Of))).ToArray();

        if (File.Exists(jit)) report.Startup.Add(await MeasureAsync($"JIT ({configuration}, framework-dependent apphost)", jit, seededTablePrefix, load, cancellationToken));
        else report.Problems.Add($"Start-up: {jit} does not exist; build src/Functions in {configuration} first.");

        if (options.AotBinary is { } aot && File.Exists(aot))
            report.Startup.Add(await MeasureAsync("NativeAOT", aot, seededTablePrefix, load, cancellationToken));
        else
            report.Startup.Add(new StartupRow("NativeAOT", [], double.NaN, double.NaN, double.NaN,
                "**not measured in this run**: the NativeAOT figure comes from docs/deploy.md (scripts/package.sh --aot, scripts/measure-startup.sh); pass `--aot <binary>` to measure it here"));
    }

    private async Task<StartupRow> MeasureAsync(string build, string executable, string tablePrefix, byte[][] load, CancellationToken cancellationToken)
    {
        var starts = new List<double>();
        double idle = double.NaN, underLoad = double.NaN, peak = double.NaN;
        for (var run = 0; run < options.StartupRuns; run++)
        {
            var endpoint = FreePorts.Next();
            _output.Clear();
            using var process = Start(executable, endpoint, tablePrefix);
            try
            {
                var clock = Stopwatch.StartNew();
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (await FirstCheckAsync(process, endpoint, cancellationToken) is not true)
                {
                    report.Problems.Add($"Start-up {build}: no successful check within 60 s (exited: {process.HasExited}); first error: {_output.FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal))?.Trim() ?? _output.FirstOrDefault()}");
                    break;
                }
                starts.Add(clock.Elapsed.TotalMilliseconds);
                if (run == options.StartupRuns - 1) (idle, underLoad, peak) = await MemoryAsync(process, endpoint, load, cancellationToken);
            }
            finally
            {
                Stop(process);
            }
        }
        return new StartupRow(build, starts, idle, underLoad, peak,
            $"VmRSS of the app process; load = 32 cached checks + 1 webhook poster of {options.WebhookBatch}-event batches, {options.MemoryLoad.TotalSeconds:0.#} s, 2 consumers");
    }

    private Process Start(string executable, IPEndPoint endpoint, string tablePrefix)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://{endpoint}");
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__ConnectionString"] = storage.ConnectionString;
        start.Environment["Storage__TablePrefix"] = tablePrefix;
        start.Environment["UsageQueue__Name"] = BenchStorage.NewQueueName();
        start.Environment["Auth__IngestKey"] = BenchKeys.Ingest;
        start.Environment["Auth__CheckKeys"] = BenchKeys.Check;
        start.Environment["Auth__AdminKey"] = BenchKeys.Admin;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        return process;

        void Keep(string? line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            if (_output.Count < 200) _output.Enqueue(line);
        }
    }

    private static async Task<bool> FirstCheckAsync(Process process, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var request = SeededSubjects.CheckRequests(1)[0];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            try
            {
                using var connection = await RawHttpConnection.OpenAsync(endpoint, cancellationToken);
                if (await connection.SendAsync(request, cancellationToken) == 200 && connection.Body.IndexOf(Allowed) >= 0) return true;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // Not listening yet.
            }
            await Task.Delay(2, cancellationToken);
        }
        return false;
    }

    private async Task<(double Idle, double Load, double Peak)> MemoryAsync(Process process, IPEndPoint endpoint, byte[][] load, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Smoke ? 100 : 1000, cancellationToken);
        var idle = ProcessMemory.Read(process.Id);
        using var connections = new ConnectionSet(endpoint);
        var checks = SeededSubjects.CheckRequests(5);
        var max = idle;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = ProcessMemory.Read(process.Id);
                if (now.RssMiB > max.RssMiB) max = now;
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        var measured = await Task.WhenAll(
            LoadRunner.RunAsync(32, TimeSpan.Zero, options.MemoryLoad, async loop =>
            {
                var connection = await connections.OpenAsync(cancellationToken);
                var next = loop;
                return async token => await connection.SendAsync(checks[next++ % checks.Length], token) == 200;
            }, cancellationToken: cancellationToken),
            LoadRunner.RunAsync(1, TimeSpan.Zero, options.MemoryLoad, async _ =>
            {
                var connection = await connections.OpenAsync(cancellationToken);
                var next = 0;
                return async token => await connection.SendAsync(load[next++ % load.Length], token) == 202;
            }, options.WebhookBatch, cancellationToken));
        stop.Cancel();
        await sampler;
        if (measured.Any(m => m.Errors > 0)) report.Problems.Add($"Start-up memory load: {measured[0].Errors} failed checks, {measured[1].Errors} failed posts.");
        report.Notes.Add($"Memory, {Path.GetFileName(Path.GetDirectoryName(process.StartInfo.FileName))}/{Path.GetFileName(process.StartInfo.FileName)}: idle VmRSS {idle.RssMiB:0} MiB "
            + $"(anonymous {idle.AnonMiB:0}, file-backed {idle.FileMiB:0}); largest sample under load {max.RssMiB:0} MiB (anonymous {max.AnonMiB:0}, file-backed {max.FileMiB:0}); "
            + $"{measured[0].PerSecond:N0} checks/s and {measured[1].ItemsPerSecond:N0} webhook events/s during the load.");
        return (idle.RssMiB, max.RssMiB, ProcessMemory.Read(process.Id).PeakMiB);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }
}
