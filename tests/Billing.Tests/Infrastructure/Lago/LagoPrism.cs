using System.Collections.Concurrent;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// The part of the Lago stand-in that is shared by every <see cref="LagoStandIn"/> of a test run, because Prism takes
/// seconds to start: one Prism proxy on the vendored spec, and behind it one upstream Kestrel that hands each request
/// to the stand-in named by its <see cref="InstanceHeader"/> (added by the stand-in's front, passed on by Prism with
/// every other header). Started by the first stand-in, stopped by <see cref="LagoPrismFixture"/> at the end of the run
/// (or killed by PID when the process exits).
/// </summary>
internal sealed class LagoPrism : IAsyncDisposable
{
    public const string InstanceHeader = "X-Lago-StandIn";
    public const string SequenceHeader = "X-Lago-StandIn-Request";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static LagoPrism? _shared;
    private readonly ConcurrentDictionary<string, LagoStandIn> _standIns = new(StringComparer.Ordinal);
    private LoopbackServer? _upstream;
    private PrismProcess? _prism;

    static LagoPrism() => AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?._prism?.Kill();

    private LagoPrism()
    {
    }

    /// <summary>Where the fronts send requests: Prism, which matches the spec's paths without <c>/api/v1</c>.</summary>
    public Uri Url => _prism!.Url;

    /// <summary>Prism's recent output, shared by all stand-ins.</summary>
    public IReadOnlyList<string> Log => _prism?.Log ?? [];

    /// <summary>How long the shared Prism took to start (zero until it has).</summary>
    public static TimeSpan StartupTime { get; private set; }

    public static async Task<LagoPrism> SharedAsync(CancellationToken cancellationToken)
    {
        await StartLock.WaitAsync(cancellationToken);
        try
        {
            if (_shared is not null) return _shared;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var prism = new LagoPrism();
            try
            {
                await prism.StartAsync(cancellationToken);
            }
            catch
            {
                await prism.DisposeAsync();
                throw;
            }

            StartupTime = started.Elapsed;
            return _shared = prism;
        }
        finally
        {
            StartLock.Release();
        }
    }

    public static async Task StopSharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is not null) await _shared.DisposeAsync();
            _shared = null;
        }
        finally
        {
            StartLock.Release();
        }
    }

    public void Register(LagoStandIn standIn) => _standIns[standIn.Id] = standIn;

    public void Unregister(LagoStandIn standIn) => _standIns.TryRemove(standIn.Id, out _);

    public async ValueTask DisposeAsync()
    {
        if (_prism is not null) await _prism.DisposeAsync();
        if (_upstream is not null) await _upstream.DisposeAsync();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("package.json not found above the test folder.");
        var spec = Path.Combine(AppContext.BaseDirectory, "TestData", "lago", "openapi.yaml");
        _upstream = await LoopbackServer.StartAsync(port: 0, DispatchAsync, cancellationToken);
        // Prism joins the upstream's path and the request's spec path: the stand-in sees Lago's real /api/v1/… paths.
        _prism = await PrismProcess.StartAsync(root, spec, new Uri(_upstream.Url, "api/v1"), cancellationToken);
    }

    private Task DispatchAsync(HttpContext context) =>
        _standIns.TryGetValue(context.Request.Headers[InstanceHeader].ToString(), out var standIn)
            ? standIn.HandleForwardedAsync(context)
            : LagoJson.WriteAsync(context.Response, 502, LagoJson.Error(502, "No stand-in is registered for this request"), context.RequestAborted);
}
