using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// A local, stateful Lago for the tests whose every request is validated against Lago's OpenAPI spec by Prism.
/// <code>
/// await using var lago = await LagoStandIn.StartAsync("test-key");
/// // Lago__ApiUrl = lago.ApiUrl, Lago__ApiKey = "test-key"; run the app ...
/// Assert.Empty(lago.RequestViolations);
/// Assert.Equal(["t1"], lago.Events.Select(e => e.TransactionId));
/// </code>
/// <para><b>The chain.</b> app → front (this stand-in's own Kestrel on <see cref="ApiUrl"/>) → Prism
/// (<c>prism proxy TestData/lago/openapi.yaml http://127.0.0.1:&lt;upstream&gt;/api/v1 --errors</c>) → upstream
/// Kestrel → this stand-in's Lago logic. Prism 5.14 matches request paths against the spec's paths as written
/// (<c>/events/batch</c>): it ignores the <c>/api/v1</c> of the spec's servers, and answers 404
/// <c>NO_PATH_MATCHED_ERROR</c> to <c>/api/v1/events/batch</c>. So the front strips <c>/api/v1</c>, and Prism joins
/// the upstream's path to the spec path, so the stand-in sees Lago's real path again. A request outside
/// <c>/api/v1</c> is answered 404 by the front and logged as a request violation.</para>
/// <para><b>What Prism does</b> (checked with 5.14.2 and <c>--errors</c>): a request that violates the spec (a float
/// <c>timestamp</c>, a missing required field, a non-UUID wallet id, a missing <c>external_customer_id</c>) is not
/// forwarded; Prism answers <c>422 application/problem+json</c> (<c>type …#UNPROCESSABLE_ENTITY</c>, the failures in
/// <c>validation</c>). A request without <c>Authorization: Bearer …</c> gets Prism's own <c>401</c> problem
/// (<c>…#UNAUTHORIZED</c>), not Lago's body; a wrong key is forwarded and gets Lago's
/// <c>401 {"status":401,"error":"Unauthorized"}</c> from the stand-in. An answer of the stand-in whose status is not in
/// the spec (429, 500, or 404 for an unknown customer on <c>GET /wallets</c>) passes through unchanged, headers
/// included, with a <c>Warning</c> in Prism's <c>sl-violations</c> header. An answer whose body violates the spec is
/// replaced by <c>500 …#VIOLATIONS</c>, which catches mistakes in this stand-in. Prism parses JSON bodies and
/// serialises them again both ways (<c>JSON.parse</c>/<c>JSON.stringify</c>), and adds CORS headers; the front logs
/// the body the client sent, byte for byte.</para>
/// <para><b>Violations.</b> They are read from Prism's answer to each request (<c>sl-violations</c> and its problem
/// bodies), not from its log: with <c>--errors</c> the log names a rejected request's error but not the failing
/// fields, and one Prism serves all tests at once. <see cref="PrismLog"/> has the log for diagnostics.</para>
/// <para><b>Cost.</b> Prism (Node, 877 KB spec) takes seconds to start, so one Prism and one upstream serve the whole
/// test run (<see cref="LagoPrism"/>), started by the first stand-in and stopped by PID at the end of the run. Each
/// stand-in has its own front, state and faults, so tests run in parallel; a stand-in starts in milliseconds once
/// Prism is up. Disposing a stand-in stops its front, not the shared Prism.</para>
/// </summary>
public sealed class LagoStandIn : IAsyncDisposable
{
    private readonly LagoPrism _prism;
    private readonly LagoEventStore _events;
    private readonly LagoWalletStore _wallets = new();
    private readonly LagoRequestLog _log = new();
    private readonly LagoFaultPlan _faults = new();
    private readonly LagoApi _api;
    private readonly LagoFront _front;
    private readonly CancellationTokenSource _stopping = new();

    private LagoStandIn(LagoPrism prism, string apiKey, TimeProvider time)
    {
        _prism = prism;
        ApiKey = apiKey;
        _events = new LagoEventStore(time);
        _api = new LagoApi(apiKey, _events, _wallets);
        _front = new LagoFront(Id, prism.Url, _faults, _log, _stopping.Token);
    }

    /// <summary>The base URL for <c>Lago__ApiUrl</c>, without <c>/api/v1</c>: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string ApiUrl => $"http://127.0.0.1:{_front.Port}";

    /// <summary>The only key accepted as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The events stored so far, in the order they were stored.</summary>
    public IReadOnlyList<LagoStoredEvent> Events => _events.Events;

    /// <summary>Every request received so far, in arrival order, with its body, fault, status and violations.</summary>
    public IReadOnlyList<LagoRequest> Requests => _log.Requests;

    /// <summary>Everything Prism found, about requests and about the stand-in's answers (e.g. a 429 not in the spec).</summary>
    public IReadOnlyList<PrismViolation> Violations => [.. _log.Requests.SelectMany(r => r.Violations)];

    /// <summary>What Prism found wrong with the requests the client sent: empty means every request matched the spec.</summary>
    public IReadOnlyList<PrismViolation> RequestViolations => [.. Violations.Where(v => v.IsAboutRequest)];

    /// <summary>Prism's recent output lines. Prism is shared by all stand-ins, so the lines are not this stand-in's alone.</summary>
    public IReadOnlyList<string> PrismLog => _prism.Log;

    /// <summary>How long the shared Prism took to start (once per test run).</summary>
    public static TimeSpan PrismStartupTime => LagoPrism.StartupTime;

    internal string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Starts a stand-in that accepts <paramref name="apiKey"/>. The first call of a test run also starts the shared
    /// Prism (seconds); later calls take milliseconds. <paramref name="time"/> stamps <c>created_at</c> and
    /// events without a timestamp (default: the system clock).
    /// </summary>
    public static async Task<LagoStandIn> StartAsync(string apiKey, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var prism = await LagoPrism.SharedAsync(cancellationToken);
        var standIn = new LagoStandIn(prism, apiKey, time ?? TimeProvider.System);
        prism.Register(standIn);
        try
        {
            await standIn._front.StartAsync(cancellationToken);
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many requests to <paramref name="path"/> (e.g. <c>/api/v1/events/batch</c>) got <paramref name="status"/> (any status when null).</summary>
    public int CountRequests(string path, int? status = null) => _log.Count(path, status);

    /// <summary>Makes a customer known, with no wallets: <c>GET /wallets</c> then answers an empty list instead of 404.</summary>
    public void AddCustomer(string externalCustomerId) => _wallets.AddCustomer(externalCustomerId);

    /// <summary>The batch limit of this Lago (100, like Lago's default <c>LAGO_EVENTS_BATCH_MAX_LENGTH</c>).</summary>
    public int BatchLimit
    {
        get => _events.BatchLimit;
        set => _events.BatchLimit = value;
    }

    /// <summary>Lago refuses the event with this transaction id from now on (422 naming it), as for a metric expression error.</summary>
    public void Refuse(string transactionId, string field = "properties", string code = "invalid_expression") => _events.Refuse(transactionId, field, code);

    /// <summary>Adds the wallet (and its customer), or replaces the wallet with the same <see cref="LagoWallet.LagoId"/>.</summary>
    public void PutWallet(LagoWallet wallet) => _wallets.Put(wallet);

    /// <summary>The customer's wallets as put.</summary>
    public IReadOnlyList<LagoWallet> Wallets(string externalCustomerId) => _wallets.Of(externalCustomerId);

    /// <summary>The next <paramref name="count"/> requests, of any path, get <paramref name="fault"/>, before any persistent fault.</summary>
    public void FailNext(int count, LagoFault fault) => _faults.FailNext(count, fault);

    /// <summary>
    /// Every request gets <paramref name="fault"/> until <see cref="RecoverAsync"/>. For <see cref="LagoFault.Down"/>
    /// the front stops listening: connections are refused and open ones reset.
    /// </summary>
    public async Task FailAlwaysAsync(LagoFault fault)
    {
        _faults.FailAlways(fault);
        if (fault.Kind == LagoFaultKind.Down) await _front.StopAsync();
    }

    /// <summary>Drops every pending and persistent fault and listens again (on the same port) if the stand-in was down.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        _faults.Clear();
        await _front.StartAsync(cancellationToken);
    }

    /// <summary>Stops this stand-in's listener and releases hanging requests; the shared Prism keeps running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _front.StopAsync();
        _prism.Unregister(this);
        _stopping.Dispose();
    }

    /// <summary>A request Prism validated and forwarded; called by the shared upstream.</summary>
    internal Task HandleForwardedAsync(HttpContext context)
    {
        long.TryParse(context.Request.Headers[LagoPrism.SequenceHeader].ToString(), out var sequence);
        var request = _log.Reached(sequence);
        return _api.HandleAsync(context, request?.Fault);
    }
}
