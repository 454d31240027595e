using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// The listener the app talks to (<see cref="LagoStandIn.ApiUrl"/>). It logs each request as it arrived, applies the
/// faults that happen before or instead of an answer (<see cref="LagoFaultKind.Down"/>, <see cref="LagoFaultKind.Hang"/>,
/// <see cref="LagoFaultKind.StoreThenHang"/>), strips <c>/api/v1</c> (Prism matches the spec's paths without the
/// server's base path), and forwards the request to Prism with the stand-in's id; it hands Prism's answer back
/// unchanged, after reading Prism's findings from it.
/// </summary>
internal sealed class LagoFront(string standInId, Uri prism, LagoFaultPlan faults, LagoRequestLog log, CancellationToken stopping)
{
    private const string Prefix = "/api/v1";

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        // Below Node's 5 s keep-alive, so a pooled connection is not reused just as Prism closes it.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "Host", "Expect",
    };

    private LoopbackServer? _server;

    /// <summary>The port; it stays the same when the front stops and starts again.</summary>
    public int Port { get; private set; }

    public bool IsListening => _server is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) return;
        _server = await LoopbackServer.StartAsync(Port, HandleAsync, cancellationToken);
        Port = _server.Port;
    }

    /// <summary>Stops listening: new connections are refused and open ones are reset.</summary>
    public async Task StopAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null) await server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var fault = faults.Take();
        var entry = log.Begin(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", Encoding.UTF8.GetString(body), fault);

        switch (fault?.Kind)
        {
            case LagoFaultKind.Down:
                context.Abort();
                return;
            case LagoFaultKind.Hang:
                await HoldUntilClientGivesUpAsync(context);
                return;
        }

        if (!request.Path.StartsWithSegments(Prefix, out var specPath))
        {
            var outside = new PrismViolation("request.path", "Error", "outside_api_v1", $"{request.Path} is not under {Prefix}, the base path of Lago's servers.");
            log.Complete(entry.Sequence, 404, [outside]);
            await LagoJson.WriteAsync(context.Response, 404, LagoJson.Error(404, "Not Found"), context.RequestAborted);
            return;
        }

        // A stored-then-lost answer must still be stored when the client gives up early: only the stand-in's end stops it.
        var forwarding = fault?.Kind == LagoFaultKind.StoreThenHang ? stopping : context.RequestAborted;
        using var message = Forwarded(request, specPath, body, entry.Sequence);
        HttpResponseMessage answer;
        try
        {
            answer = await Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, forwarding);
        }
        catch (OperationCanceledException) when (forwarding.IsCancellationRequested)
        {
            return; // The client gave up (or the stand-in stopped) before Prism answered: no status to log.
        }
        catch (HttpRequestException e)
        {
            log.Complete(entry.Sequence, 502, [new PrismViolation("prism", "Error", "PRISM_UNREACHABLE", e.Message)]);
            await LagoJson.WriteAsync(context.Response, 502, LagoJson.Error(502, "Prism did not answer: " + e.Message), context.RequestAborted);
            return;
        }

        using (answer)
        {
            var answerBody = await answer.Content.ReadAsByteArrayAsync(forwarding);
            var findings = PrismFindings.Read(answer, answerBody);
            if (fault?.Kind == LagoFaultKind.StoreThenHang)
            {
                log.Complete(entry.Sequence, null, findings);
                await HoldUntilClientGivesUpAsync(context);
                return;
            }

            log.Complete(entry.Sequence, (int)answer.StatusCode, findings);
            await CopyAsync(answer, answerBody, context.Response, context.RequestAborted);
        }
    }

    private HttpRequestMessage Forwarded(HttpRequest request, PathString specPath, byte[] body, long sequence)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(prism, specPath.Value + request.QueryString.Value));
        if (body.Length > 0 || request.ContentLength is not null) message.Content = new ByteArrayContent(body);
        foreach (var (name, values) in request.Headers)
        {
            if (NotForwarded.Contains(name)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        message.Headers.Add(LagoPrism.InstanceHeader, standInId);
        message.Headers.Add(LagoPrism.SequenceHeader, sequence.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    private static async Task CopyAsync(HttpResponseMessage answer, byte[] body, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            if (!NotForwarded.Contains(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                response.Headers[name] = values.ToArray();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Answers nothing until the client closes the connection (or the stand-in stops), then resets it.</summary>
    private async Task HoldUntilClientGivesUpAsync(HttpContext context)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the stand-in is stopping.
        }

        context.Abort();
    }
}
