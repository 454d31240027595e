namespace Billing.Functions.Hosting;

/// <summary>
/// Standalone development convenience: when neither <c>Storage:ConnectionString</c> nor <c>Storage:TableServiceUri</c>
/// is set, start Azurite from the repository's own <c>package.json</c> (installing it with npm when missing), keep its
/// data in <c>.azurite/</c>, and stop it by PID when the app stops.
/// </summary>
public static class LocalStorage
{
    public static void AddLocalStorageWhenUnconfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["Storage:ConnectionString"]) || !string.IsNullOrWhiteSpace(configuration["Storage:TableServiceUri"]))
            return;
        var root = AzuriteProcess.FindRepositoryRoot(builder.Environment.ContentRootPath)
            ?? throw new InvalidOperationException("No storage configured (Storage:ConnectionString) and no package.json with Azurite found to start one.");
        var azurite = AzuriteProcess.StartAsync(root, Path.Combine(root, ".azurite"), CancellationToken.None).GetAwaiter().GetResult();
        builder.Services.AddHostedService(_ => new StopOnShutdown(azurite));
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        Console.WriteLine($"Started Azurite (PID {azurite.ProcessId}) for local storage; data in {Path.Combine(root, ".azurite")}.");
    }

    /// <summary>Stops the Azurite this process started when the host stops (an instance registered as-is is never disposed).</summary>
    private sealed class StopOnShutdown(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => azurite.DisposeAsync().AsTask();
    }
}
