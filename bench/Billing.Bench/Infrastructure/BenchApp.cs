using System.Net;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// The real app (Production environment, Release build) hosted in this process by WebApplicationFactory on a real
/// Kestrel at 127.0.0.1, so requests cross a socket. Table calls can be counted through <see cref="TableClientOptions"/>.
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TableClientOptions? _tableOptions;
    private readonly TimeProvider? _time;

    public BenchApp(BenchStorage storage, Dictionary<string, string?> settings, TableClientOptions? tableOptions = null, TimeProvider? time = null)
    {
        _tableOptions = tableOptions;
        _time = time;
        Endpoint = FreePorts.Next();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage.ConnectionString,
            ["Storage:TablePrefix"] = BenchStorage.NewTablePrefix(),
            ["UsageQueue:Name"] = BenchStorage.NewQueueName(),
            ["UsageQueue:Consumers"] = "0",
            ["UsageQueue:IdleDelay"] = "00:00:00.010",
            ["Auth:IngestKey"] = BenchKeys.Ingest,
            ["Auth:CheckKeys"] = BenchKeys.Check,
            ["Auth:AdminKey"] = BenchKeys.Admin,
            // The load is the point here: the limiter runs (its cost is measured) with budgets the load never reaches.
            ["RateLimit:Ingest:PermitsPerSecond"] = "1000000",
            ["RateLimit:Ingest:Burst"] = "10000000",
            ["RateLimit:Check:PermitsPerSecond"] = "1000000",
            ["RateLimit:Check:Burst"] = "10000000",
            ["RateLimit:Admin:PermitsPerSecond"] = "1000000",
            ["RateLimit:Admin:Burst"] = "10000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Timers:InProcess"] = "false",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
        UseKestrel(options => options.Listen(Endpoint));
    }

    public IPEndPoint Endpoint { get; }

    public string TablePrefix => _settings["Storage:TablePrefix"]!;

    public string QueueName => _settings["UsageQueue:Name"]!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public BillingTables Tables => Get<BillingTables>();

    public StorageUsageQueue UsageQueue => Get<StorageUsageQueue>();

    /// <summary>Deletes this app's tables and queues, so Azurite (in memory) does not carry them into later scenarios.</summary>
    public async Task DeleteStorageAsync()
    {
        await Task.WhenAll(Tables.Ledger.DeleteAsync(), Tables.Quarantine.DeleteAsync(), Tables.Schedule.DeleteAsync(), UsageQueue.Queue.DeleteIfExistsAsync());
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://{Endpoint}") };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_tableOptions is not null) builder.ConfigureTestServices(services => services.AddSingleton(_tableOptions));
        if (_time is not null) builder.ConfigureTestServices(services => services.AddSingleton(_time));
    }
}
