using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Billing.Tests.Infrastructure;

/// <summary>Counts the requests a TableClient sends: point reads (GET of one entity), queries (other GETs) and all.</summary>
public sealed class TableRequestCounter : HttpPipelinePolicy
{
    private long _pointReads;
    private long _queries;
    private long _all;

    public (long PointReads, long Queries, long All) Snapshot() => (Interlocked.Read(ref _pointReads), Interlocked.Read(ref _queries), Interlocked.Read(ref _all));

    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(Request request)
    {
        Interlocked.Increment(ref _all);
        if (request.Method != RequestMethod.Get) return;
        if (request.Uri.Path.Contains("(PartitionKey=", StringComparison.Ordinal)) Interlocked.Increment(ref _pointReads);
        else Interlocked.Increment(ref _queries);
    }
}
