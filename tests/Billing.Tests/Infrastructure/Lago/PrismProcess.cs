using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// <c>prism proxy &lt;spec&gt; &lt;upstream&gt; -h 127.0.0.1 -p &lt;free port&gt; --errors</c> from the repository's
/// <c>node_modules/.bin</c> (Prism 5.14.2, <c>package.json</c>), with <c>SCARF_ANALYTICS=false</c>, stopped by PID.
/// Starting takes seconds (Node plus parsing the 877 KB spec). Keeps the last lines of its output for diagnostics.
/// </summary>
internal sealed partial class PrismProcess : IAsyncDisposable
{
    private const int KeptLines = 2000;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private PrismProcess(Process process, int port) => (_process, Url) = (process, new Uri($"http://127.0.0.1:{port}"));

    /// <summary>Where Prism listens; its paths are the spec's, without the server's <c>/api/v1</c>.</summary>
    public Uri Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>Prism's recent output lines (stdout and stderr), colours removed.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    public static async Task<PrismProcess> StartAsync(string repositoryRoot, string spec, Uri upstream, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "prism");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{executable} is missing: run 'npm ci' in {repositoryRoot} (package.json lists @stoplight/prism-cli).");
        if (!File.Exists(spec)) throw new FileNotFoundException("The OpenAPI document Prism checks against is missing.", spec);

        // The port is picked before Prism binds it, so another process may take it first: try again on a new one.
        for (var attempt = 1; ; attempt++)
        {
            var prism = Start(executable, repositoryRoot, spec, upstream, FreePort());
            try
            {
                await prism.WaitUntilListeningAsync(cancellationToken);
                return prism;
            }
            catch (InvalidOperationException) when (attempt < 3 && prism.Log.Any(l => l.Contains("EADDRINUSE", StringComparison.Ordinal)))
            {
                await prism.DisposeAsync();
            }
            catch
            {
                await prism.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Kills Prism (it holds no state worth saving).</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    /// <summary>Synchronous kill by PID, for process exit.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static PrismProcess Start(string executable, string root, string spec, Uri upstream, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { "proxy", spec, upstream.ToString().TrimEnd('/'), "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--errors" })
            start.ArgumentList.Add(argument);
        start.Environment["SCARF_ANALYTICS"] = "false";
        start.Environment["FORCE_COLOR"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new PrismProcess(process, port);
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            line = Ansi().Replace(line, "").Trim();
            if (line.Length == 0) return;
            _log.Enqueue(line);
            while (_log.Count > KeptLines) _log.TryDequeue(out _);
            if (line.Contains("Prism is listening on", StringComparison.Ordinal)) ready.TrySetResult();
        }

        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) => Read(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"Prism exited with {_process.ExitCode}: " + string.Join(Environment.NewLine, Log.TakeLast(20))));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Prism did not listen within {StartLimit.TotalSeconds} s: " + string.Join(Environment.NewLine, Log.TakeLast(20)));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
