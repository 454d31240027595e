using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// Stands for a busy subject while reconcile reads it: after every query of applied-usage rows (<c>u|</c>) this
/// client sends, <see cref="Write"/> runs, e.g. a write to the subject's state row from another client.
/// </summary>
public sealed class StateRowChurn : AsyncTablePolicy
{
    public Func<Task>? Write { get; set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Write is { } write && message.Request.Method == RequestMethod.Get && QueriesAppliedRows(message.Request.Uri.ToString())) await write();
    }

    private static bool QueriesAppliedRows(string uri) => Uri.UnescapeDataString(uri.Replace('+', ' ')).Contains("RowKey ge 'u|'", StringComparison.Ordinal);
}
