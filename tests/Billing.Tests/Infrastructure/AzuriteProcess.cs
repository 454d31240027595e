using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// A local Azurite (Blob, Queue, Table) on free 127.0.0.1 ports, started from the repository's node_modules and
/// stopped by PID. Development tooling owned by the tests and the benchmark harness (which links this file); the app
/// itself never starts processes: <c>./run.sh</c> starts Azurite for local runs.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Ports = [blobPort, queuePort, tablePort];
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevKey
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    /// <summary>The blob, queue and table ports, to start Azurite again on the same ones (a restart on one location).</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>
    /// Starts Azurite; <paramref name="location"/> null keeps data in memory only. <paramref name="ports"/> (blob,
    /// queue, table) reuses the ports of an Azurite stopped before, so clients keep their connection string.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string? location, CancellationToken cancellationToken, IReadOnlyList<int>? ports = null)
    {
        var executable = await EnsureInstalledAsync(repositoryRoot, cancellationToken);
        if (ports is not null) return await StartAsync(executable, repositoryRoot, location, ports, cancellationToken);
        // The ports are picked before Azurite binds them, so another process may take one first: try again on new ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(executable, repositoryRoot, location, FreePorts(3), cancellationToken);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Taken meanwhile: new ports.
            }
        }
    }

    private static async Task<AzuriteProcess> StartAsync(string executable, string repositoryRoot, string? location, IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryRoot,
        };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", ports[0].ToString(), "--queuePort", ports[1].ToString(), "--tablePort", ports[2].ToString(), "--disableTelemetry" })
            start.ArgumentList.Add(argument);
        if (location is null) start.ArgumentList.Add("--inMemoryPersistence");
        else foreach (var argument in new[] { "--location", location }) start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var azurite = new AzuriteProcess(process, ports[0], ports[1], ports[2]);
        try
        {
            await WaitUntilListeningAsync(process, cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public static string? FindRepositoryRoot(string from)
    {
        foreach (var start in new[] { from, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var package = Path.Combine(dir.FullName, "package.json");
                if (File.Exists(package) && File.ReadAllText(package).Contains("\"azurite\"", StringComparison.Ordinal)) return dir.FullName;
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM first: Azurite then saves its data (.azurite/) before it exits; killing it lost the last
                // seconds of writes. Killed after a grace period if it does not stop.
                if (!OperatingSystem.IsWindows() && Terminate(_process.Id) == 0)
                {
                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    try
                    {
                        await _process.WaitForExitAsync(grace.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Still running: kill below.
                    }
                }
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int Terminate(int pid) => Kill(pid, 15);

    private static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(executable)) return executable;
            var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root })
                ?? throw new InvalidOperationException("Could not run npm to install Azurite.");
            await npm.WaitForExitAsync(cancellationToken);
            return npm.ExitCode == 0 && File.Exists(executable)
                ? executable
                : throw new InvalidOperationException($"'npm ci' in {root} failed ({npm.ExitCode}); Azurite is not installed.");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("successfully listening", StringComparison.OrdinalIgnoreCase) == true && Interlocked.Increment(ref listening) == 3)
                ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // the rest of stderr (EADDRINUSE, say) is read before it is quoted
            ready.TrySetException(new InvalidOperationException("Azurite exited: " + string.Join(" ", errors)));
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary><paramref name="count"/> distinct ports the OS reported free, each held until all are picked.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
