namespace Billing.Tests.Cli;

/// <summary>A hand-written stand-in for the service: answers every request with what <paramref name="answer"/> returns, and counts them.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public StubHandler(Func<HttpResponseMessage> answer) : this((_, _) => Task.FromResult(answer())) { }

    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        return answer(request, cancellationToken);
    }
}
