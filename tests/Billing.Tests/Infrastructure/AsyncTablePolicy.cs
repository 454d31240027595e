using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// A test's hook into the app's table client (register <see cref="Options"/> as a singleton): runs once per call,
/// before the SDK's retries; asynchronous only, as the app's table calls are.
/// </summary>
public abstract class AsyncTablePolicy : HttpPipelinePolicy
{
    /// <summary>The SDK's retries for this client; null keeps its default.</summary>
    protected virtual int? MaxRetries => null;

    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        if (MaxRetries is { } retries) options.Retry.MaxRetries = retries;
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public sealed override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app's table calls are asynchronous.");
}
