using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// Stands for a crash before a ledger transaction: the first entity-group transaction (<c>$batch</c>) this client sends
/// fails with 503; with <paramref name="times"/>, that many do (<see cref="int.MaxValue"/>: every one).
/// </summary>
public sealed class FailFirstBatch(int times = 1) : AsyncTablePolicy
{
    private int _failed;

    protected override int? MaxRetries => 0;

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref _failed) <= times)
            throw new Azure.RequestFailedException(503, "The test stands for a crash before the ledger transaction.");
        return ProcessNextAsync(message, pipeline);
    }
}
