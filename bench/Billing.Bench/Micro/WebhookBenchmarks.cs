using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Billing.Bench.Infrastructure;
using Billing.Bench.Scenarios;
using Billing.Functions.Prices;
using Billing.Functions.Storage;
using Billing.Functions.Telemetry;
using Billing.Functions.Usage;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Billing.Bench.Micro;

/// <summary>
/// The webhook's work on one 512-event LiteLLM batch without HTTP or the queue: streaming the elements out of the
/// body, then the whole handler (read, normalise, pack into queue messages), against parsing the body as one document.
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private byte[] _body = [];
    private UsageWebhookHandler? _handler;

    [GlobalSetup]
    public void Setup()
    {
        _body = LiteLlmBodies.Load().Batch("micro", 0, 512, SeededSubjects.Of);
        var tables = new BillingTables(Options.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
        var prices = new PriceBookCache(new PriceStore(tables), Options.Create(new PriceOptions()), TimeProvider.System);
        _handler = new UsageWebhookHandler(new QuarantineStore(tables, TimeProvider.System), prices, Options.Create(new WebhookOptions()),
            new BillingMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), NullLogger<UsageWebhookHandler>.Instance);
    }

    [Benchmark(Baseline = true)]
    public int ParseDocument()
    {
        using var document = JsonDocument.Parse(_body);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark]
    public async Task<int> StreamElements()
    {
        var count = 0;
        await foreach (var _ in LiteLlmBodyReader.ReadAsync(new MemoryStream(_body), CancellationToken.None)) count++;
        return count;
    }

    [Benchmark]
    public async Task<int> AcceptBatch()
    {
        var outcome = await _handler!.AcceptAsync(new MemoryStream(_body), _body.Length, CancellationToken.None);
        return outcome.Messages.Count;
    }
}
