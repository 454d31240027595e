using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Fault;

/// <summary>
/// The real app (<c>dotnet Billing.Functions.dll</c>, standalone) as a child process on a free 127.0.0.1 port, so the
/// fault run can SIGKILL it. Output goes to <c>app-&lt;name&gt;.log</c> in the run's folder. Stopped by PID.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, int port)
    {
        _process = process;
        _log = log;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until <c>/health/live</c> answers.</summary>
    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, string folder, CancellationToken cancellationToken)
    {
        // The port is picked before the app binds it, so another process may take it first (the app then exits): a new one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnAsync(FreePort(), name, settings, folder, cancellationToken);
            }
            catch (AppExitedException) when (attempt < 3)
            {
                // Its log says why; try a new port.
            }
        }
    }

    private sealed class AppExitedException(string message) : InvalidOperationException(message);

    private static async Task<AppProcess> StartOnAsync(int port, string name, IReadOnlyDictionary<string, string> settings, string folder, CancellationToken cancellationToken)
    {
        var dll = FindAppAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");

        var log = new StreamWriter(Path.Combine(folder, $"app-{name}.log"), append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, port);
        try
        {
            await app.WaitUntilLiveAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, messages in flight stay invisible until their visibility timeout.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    /// <summary>The app built with the tests: <c>src/Functions/bin/&lt;configuration&gt;/net10.0/Billing.Functions.dll</c>.</summary>
    public static string FindAppAssembly()
    {
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Repository root not found.");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Functions", "bin", configuration, "net10.0", "Billing.Functions.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the app first (dotnet build).", dll);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The run is over.
            }
        }
    }

    private async Task WaitUntilLiveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Admin);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited) throw new AppExitedException($"The app exited with {_process.ExitCode} while starting; see its log.");
            try
            {
                if ((await http.GetAsync("/health/live", cancellationToken)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException("The app did not start within 90 s.");
            await Task.Delay(100, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
