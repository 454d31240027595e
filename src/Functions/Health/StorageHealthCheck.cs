using Azure;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Billing.Functions.Health;

/// <summary>
/// Ready means the ledger's storage answers: the tables exist (created on first use, as every writer does) and a
/// one-row query on the ledger table returns. Standalone also asks the usage queue (a missing queue still counts as
/// reachable: it is created on first send). Any storage answer other than success is unhealthy, with its status.
/// </summary>
public sealed class StorageHealthCheck(BillingTables tables, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.EnsureCreatedAsync().WaitAsync(cancellationToken);
            await using var rows = tables.Ledger.QueryAsync<TableEntity>("PartitionKey eq '~health'", maxPerPage: 1, select: ["RowKey"], cancellationToken)
                .AsPages().GetAsyncEnumerator(cancellationToken);
            await rows.MoveNextAsync();
            if (services.GetService<StorageUsageQueue>() is { } queue)
            {
                try
                {
                    await queue.Queue.GetPropertiesAsync(cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
                {
                    // Reachable; the queue is created with the first message.
                }
            }
            return HealthCheckResult.Healthy("table storage answers");
        }
        catch (RequestFailedException e)
        {
            return HealthCheckResult.Unhealthy($"storage answered {e.Status} {e.ErrorCode}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"storage unreachable: {e.GetType().Name}");
        }
    }
}
