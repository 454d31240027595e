
[assembly: AssemblyFixture(typeof(Billing.Tests.Infrastructure.AzuriteFixture))]

namespace Billing.Tests.Infrastructure;

/// <summary>One in-memory Azurite for the whole run, on free ports, stopped by PID at the end. Tests isolate by table/queue names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async ValueTask InitializeAsync()
    {
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("package.json with azurite not found above the test folder.");
        _azurite = await AzuriteProcess.StartAsync(root, location: null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
