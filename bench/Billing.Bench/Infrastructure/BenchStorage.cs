using Azure.Data.Tables;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Bench.Infrastructure;

/// <summary>The bench's own in-memory Azurite on free ports, stopped by PID; every scenario uses fresh names.</summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private BenchStorage(AzuriteProcess azurite, string repositoryRoot)
    {
        _azurite = azurite;
        RepositoryRoot = repositoryRoot;
    }

    public string ConnectionString => _azurite.ConnectionString;

    public int AzuriteProcessId => _azurite.ProcessId;

    public string RepositoryRoot { get; }

    public static async Task<BenchStorage> StartAsync(CancellationToken cancellationToken)
    {
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("package.json with azurite not found above the bench folder.");
        return new BenchStorage(await AzuriteProcess.StartAsync(root, location: null, cancellationToken), root);
    }

    public static string NewTablePrefix() => "b" + Guid.NewGuid().ToString("N")[..12];

    public static string NewQueueName() => "q" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A client straight to Azurite, no app in between: what the raw baselines use.</summary>
    public TableClient Table(string name, TableClientOptions? options = null) =>
        new TableServiceClient(ConnectionString, options ?? new TableClientOptions()).GetTableClient(name);

    public ValueTask DisposeAsync() => _azurite.DisposeAsync();
}
