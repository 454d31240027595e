using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Billing.Tests.Lago;

/// <summary>
/// A hand-written stand-in for Lago behind <see cref="HttpClient"/>: answers scripted replies in order and records every
/// request (method, URI, authorization, content type and body, read while the request is alive).
/// </summary>
public sealed class FakeLagoHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _replies = new();
    private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<Recorded> Requests { get; } = [];

    /// <summary>Completes when a <see cref="Hang"/> reply has started waiting.</summary>
    public Task Hanging => _hanging.Task;

    public FakeLagoHandler Reply(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? headers = null)
    {
        _replies.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null) response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            headers?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    /// <summary>Never answers: waits until the request's token is cancelled (the client's timeout or the caller).</summary>
    public FakeLagoHandler Hang()
    {
        _replies.Enqueue(async token =>
        {
            _hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public FakeLagoHandler Fail(Exception exception)
    {
        _replies.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new(request.Method, request.RequestUri!, request.Headers.Authorization, request.Content?.Headers.ContentType?.MediaType, body));
        if (!_replies.TryDequeue(out var reply)) throw new InvalidOperationException($"No reply scripted for {request.Method} {request.RequestUri}");
        return await reply(cancellationToken);
    }

    public sealed record Recorded(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, string? ContentType, string? Body);
}
