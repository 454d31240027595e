using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// Times each storage request at the transport (send to response read), so a point read made by the app inside a
/// check can be compared with the same read made straight from the bench. <paramref name="only"/> picks the requests
/// to time (say, only merges); null times all.
/// </summary>
public sealed class TransportTimer(Func<Request, bool>? only = null) : HttpPipelinePolicy
{
    private ConcurrentQueue<double> _ms = new();

    /// <summary>Times only entity merges (<c>UpdateEntityAsync</c> with <c>TableUpdateMode.Merge</c>): a state row's If-Match update.</summary>
    public static TransportTimer Merges() => new(request => request.Method.Method is "PATCH" or "MERGE");

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        if (only?.Invoke(message.Request) != false) _ms.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        if (only?.Invoke(message.Request) != false) _ms.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The requests timed since the last call, and starts over.</summary>
    public Measurement Take()
    {
        var taken = Interlocked.Exchange(ref _ms, new ConcurrentQueue<double>());
        return new Measurement(taken.Count, 0, 0, taken);
    }
}
