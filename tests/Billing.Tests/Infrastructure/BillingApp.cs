using System.Net.Http.Headers;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP (WebApplicationFactory) on the shared Azurite, with its own tables and queues, fixed keys,
/// a <see cref="FakeTimeProvider"/>, and the queue worker loop off so tests drain the queue deterministically.
/// </summary>
public sealed class BillingApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">More test services (e.g. in-memory telemetry exporters), added after the app's own.</param>
    public BillingApp(AzuriteFixture azurite, DateTimeOffset now, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Time = new FakeTimeProvider(now);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = TestNames.TablePrefix(),
            ["UsageQueue:Name"] = TestNames.Queue(),
            ["UsageQueue:Consumers"] = "0",
            ["Timers:InProcess"] = "false",
            ["Auth:IngestKey"] = TestKeys.Ingest,
            ["Auth:CheckKeys"] = $"{TestKeys.Check},{TestKeys.CheckRotated}",
            ["Auth:AdminKey"] = TestKeys.Admin,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Tests call far faster than real clients: the limiter stays in the pipeline with budgets no test reaches.
        // The rate-limit tests (Security/RateLimitTests) set tiny ones.
        foreach (var caller in (string[])["Ingest", "Check", "Admin", "Anonymous"])
        {
            _settings[$"RateLimit:{caller}:PermitsPerSecond"] = "100000";
            _settings[$"RateLimit:{caller}:Burst"] = "1000000";
        }
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public FakeTimeProvider Time { get; }

    public BillingTables Tables => Services.GetRequiredService<BillingTables>();

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Runs the standalone queue worker until the usage queue is empty.</summary>
    public Task<int> DrainUsageQueueAsync() => Services.GetRequiredService<UsageQueueWorker>().DrainAsync(CancellationToken.None);

    public StorageUsageQueue UsageQueue => Services.GetRequiredService<StorageUsageQueue>();

    public UsageQueueOptions UsageQueueOptions => Services.GetRequiredService<IOptions<UsageQueueOptions>>().Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }
}
