using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// The three Lago calls the sync makes (spec 1.51.0): post a batch of events, list a customer's wallets, read one
/// wallet. Typed results instead of exceptions: every answer maps to an outcome, and only the caller's own
/// cancellation throws. Each request carries <c>Authorization: Bearer</c> and its own
/// <see cref="LagoOptions.RequestTimeout"/>, measured on the real clock (a wait on the network). No retries here:
/// the sync decides what to do with <see cref="LagoFailure"/>. The key and request bodies never appear in a reason.
/// </summary>
public sealed class LagoClient
{
    /// <summary>Lago's batch limit (<c>LAGO_EVENTS_BATCH_MAX_LENGTH</c>, default 100).</summary>
    public const int MaxBatchEvents = 100;

    public const int WalletsPerPage = 100;

    /// <summary>A guard against a pagination loop: 10 000 wallets is far beyond Lago's 5 active wallets per customer.</summary>
    public const int MaxWalletPages = 100;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly LagoOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeProvider _network;

    /// <summary>
    /// Built whether or not the sync is on, so the handlers that hold it can be; every call needs <see cref="LagoOptions.ApiUrl"/>.
    /// <paramref name="time"/> is the app's clock (an HTTP-date <c>Retry-After</c>); the request timeout bounds a wait
    /// on the network, so it runs on the real clock, like the SMTP client's.
    /// </summary>
    public LagoClient(HttpClient http, IOptions<LagoOptions> options, TimeProvider time)
        : this(http, options, time, TimeProvider.System)
    {
    }

    /// <summary>With the clock the request timeout runs on (tests move it).</summary>
    internal LagoClient(HttpClient http, IOptions<LagoOptions> options, TimeProvider time, TimeProvider network)
    {
        _network = network;
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _http = http;
        if (_options.IsConfigured) _http.BaseAddress = _options.ApiBase;
        // Each request has its own timeout on the TimeProvider, told apart from the caller's cancellation.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _time = time;
    }

    /// <summary>
    /// <c>POST events/batch</c> with <c>{"events":[…]}</c>: <see cref="LagoBatchOutcome.Accepted"/> on 200,
    /// <see cref="LagoBatchOutcome.Rejected"/> on 422 (nothing stored), otherwise <see cref="LagoBatchOutcome.Failed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Not 1 to <see cref="MaxBatchEvents"/> events, or a null among them.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException"><see cref="LagoOptions.ApiUrl"/> is not set (the sync is off).</exception>
    private void EnsureConfigured()
    {
        if (!_options.IsConfigured)
            throw new InvalidOperationException("Lago:ApiUrl is not set, so the Lago sync is off; check LagoOptions.IsConfigured before calling Lago.");
    }

    public async Task<LagoBatchOutcome> PostEventsAsync(IReadOnlyList<LagoEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        EnsureConfigured();
        if (events.Count is < 1 or > MaxBatchEvents)
            throw new ArgumentException($"A batch holds 1 to {MaxBatchEvents} events, not {events.Count}.", nameof(events));
        if (events.Any(e => e is null))
            throw new ArgumentException("A batch must not hold null events.", nameof(events));

        var body = JsonSerializer.SerializeToUtf8Bytes(new LagoEventBatch(events), LagoJsonContext.Default.LagoEventBatch);
        var answer = await SendAsync(HttpMethod.Post, "events/batch", body, cancellationToken);
        if (answer.Status == StatusCodes.Status422UnprocessableEntity) return LagoRejection.Read(answer.Body);
        return answer.Failure is { } failure ? new LagoBatchOutcome.Failed(failure) : new LagoBatchOutcome.Accepted();
    }

    /// <summary>
    /// <c>GET wallets?external_customer_id=…&amp;page=N&amp;per_page=100</c>, following <c>meta.next_page</c> until it is
    /// null. A 404 <c>customer_not_found</c> (Lago's answer for a customer it does not know, though the spec lists only
    /// 401 and 403) is an empty list. Pages that do not advance, or more than <see cref="MaxWalletPages"/>, are refused.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<LagoWalletsResult> ListWalletsAsync(string externalCustomerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalCustomerId);
        EnsureConfigured();
        var customer = Uri.EscapeDataString(externalCustomerId);
        var wallets = new List<LagoWallet>();
        var page = 1;
        for (var pagesRead = 1; ; pagesRead++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"wallets?external_customer_id={customer}&page={page}&per_page={WalletsPerPage}");
            var answer = await SendAsync(HttpMethod.Get, path, body: null, cancellationToken);
            if (answer.IsNotFound("customer_not_found")) return new LagoWalletsResult.Listed([]);
            if (answer.Failure is { } failure) return new LagoWalletsResult.Failed(failure);
            LagoWalletsPage read;
            try
            {
                read = Parse(answer, LagoJsonContext.Default.LagoWalletsPage);
                wallets.AddRange(read.Wallets.Select(w => w.ToWallet()));
            }
            catch (JsonException e)
            {
                return new LagoWalletsResult.Failed(answer.Unexpected(e.Message));
            }

            if (read.Meta.NextPage is not { } next) return new LagoWalletsResult.Listed(wallets);
            if (next <= page)
                return new LagoWalletsResult.Failed(answer.Unexpected($"page {page} of wallets names page {next} as the next"));
            if (pagesRead == MaxWalletPages)
                return new LagoWalletsResult.Failed(answer.Unexpected($"more than {MaxWalletPages} pages of wallets"));
            page = next;
        }
    }

    /// <summary><c>GET wallets/{lago_id}</c>; a 404 <c>wallet_not_found</c> is <see cref="LagoWalletResult.NotFound"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<LagoWalletResult> GetWalletAsync(string lagoId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lagoId);
        EnsureConfigured();
        var answer = await SendAsync(HttpMethod.Get, "wallets/" + Uri.EscapeDataString(lagoId), body: null, cancellationToken);
        if (answer.IsNotFound("wallet_not_found")) return new LagoWalletResult.NotFound();
        if (answer.Failure is { } failure) return new LagoWalletResult.Failed(failure);
        try
        {
            return new LagoWalletResult.Found(Parse(answer, LagoJsonContext.Default.LagoWalletEnvelope).Wallet.ToWallet());
        }
        catch (JsonException e)
        {
            return new LagoWalletResult.Failed(answer.Unexpected(e.Message));
        }
    }

    private async Task<LagoAnswer> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _network);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (!string.IsNullOrEmpty(_options.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Accept.Add(Json);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token);
            return LagoAnswer.Of(response, bytes, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LagoAnswer.Unreachable(string.Create(CultureInfo.InvariantCulture,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var error = e is HttpRequestException h ? h.HttpRequestError.ToString() : "IO";
            return LagoAnswer.Unreachable(LagoErrorBody.Cut($"cannot reach Lago ({error}): {e.Message}"));
        }
    }

    /// <summary>A success's body as the spec describes it.</summary>
    /// <exception cref="JsonException">It is not: a missing field, a wrong type, not JSON at all.</exception>
    private static T Parse<T>(LagoAnswer answer, JsonTypeInfo<T> type) where T : class =>
        JsonSerializer.Deserialize(answer.Body, type) ?? throw new JsonException("the body is null");
}
