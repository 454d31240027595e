using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// Counts what a TableClient sends to storage, per attempt (so SDK retries count too): every HTTP request, and every
/// entity operation, including each sub-request inside an entity-group transaction (<c>$batch</c>), and the single-entity
/// calls storage rejected with 412 (If-Match lost: the writer rereads and tries again). Add it to the
/// <see cref="Azure.Data.Tables.TableClientOptions"/> the app's <c>BillingTables</c> takes from DI.
/// </summary>
public sealed class TableOperationCounter : HttpPipelinePolicy
{
    private long _requests;
    private long _pointReads;
    private long _queries;
    private long _inserts;
    private long _updates;
    private long _deletes;
    private long _transactions;
    private long _failedTransactions;
    private long _other;
    private long _preconditionFailed;

    public TableOperationCounts Snapshot() => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _pointReads), Interlocked.Read(ref _queries),
        Interlocked.Read(ref _inserts), Interlocked.Read(ref _updates), Interlocked.Read(ref _deletes),
        Interlocked.Read(ref _transactions), Interlocked.Read(ref _failedTransactions), Interlocked.Read(ref _other),
        Interlocked.Read(ref _preconditionFailed));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var batch = CountRequest(message.Request);
        ProcessNext(message, pipeline);
        CountResponse(message, batch);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var batch = CountRequest(message.Request);
        await ProcessNextAsync(message, pipeline);
        CountResponse(message, batch);
    }

    private bool CountRequest(Request request)
    {
        Interlocked.Increment(ref _requests);
        var path = request.Uri.Path;
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _transactions);
            CountBatchBody(request.Content);
            return true;
        }
        var method = request.Method.Method;
        if (path.EndsWith("/Tables", StringComparison.Ordinal) || path.Contains("/Tables(", StringComparison.Ordinal)) Interlocked.Increment(ref _other);
        else Count(method, path.Contains("(PartitionKey=", StringComparison.Ordinal));
        return false;
    }

    private void Count(string method, bool pointAddressed)
    {
        switch (method)
        {
            case "GET": Interlocked.Increment(ref pointAddressed ? ref _pointReads : ref _queries); break;
            case "POST": Interlocked.Increment(ref _inserts); break;
            case "PUT" or "PATCH" or "MERGE": Interlocked.Increment(ref _updates); break;
            case "DELETE": Interlocked.Increment(ref _deletes); break;
            default: Interlocked.Increment(ref _other); break;
        }
    }

    /// <summary>Each sub-request of the multipart body has a request line <c>VERB url HTTP/1.1</c>.</summary>
    private void CountBatchBody(RequestContent? content)
    {
        if (content is null) return;
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        foreach (var line in Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Split("\r\n"))
        {
            if (!line.EndsWith(" HTTP/1.1", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            if (space > 0) Count(line[..space], line.Contains("(PartitionKey=", StringComparison.Ordinal));
        }
    }

    private void CountResponse(HttpMessage message, bool batch)
    {
        if (batch) CountBatchResponse(message);
        else if (message.HasResponse && message.Response.Status == 412) Interlocked.Increment(ref _preconditionFailed);
    }

    /// <summary>A rejected transaction still answers 202; the failing sub-response inside says 409 or 412.</summary>
    private void CountBatchResponse(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Content is not { } content) return;
        var text = content.ToString();
        if (text.Contains("HTTP/1.1 4", StringComparison.Ordinal) || text.Contains("HTTP/1.1 5", StringComparison.Ordinal))
            Interlocked.Increment(ref _failedTransactions);
    }
}
