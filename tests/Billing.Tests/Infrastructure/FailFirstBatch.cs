using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// Stands for a crash before a ledger transaction: the first entity-group transaction (<c>$batch</c>) this client sends
/// fails with 503; with <paramref name="times"/>, that many do (<see cref="int.MaxValue"/>: every one).
/// </summary>
public sealed class FailFirstBatch(int times = 1) : HttpPipelinePolicy
{
    private int _failed;

    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's table calls are asynchronous.");

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref _failed) <= times)
            throw new Azure.RequestFailedException(503, "The test stands for a crash before the ledger transaction.");
        return ProcessNextAsync(message, pipeline);
    }
}
