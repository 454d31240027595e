using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>Baselines straight to Azurite: conditional updates and 99 + 1 transactions (point reads run alongside the check).</summary>
public sealed class RawTableScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(BenchStorage.NewTablePrefix() + "raw");
        await table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var concurrency in new[] { 1, 32 })
        {
            var updates = await MeasureAsync(concurrency, loop => RawTable.UpdateLoopAsync(table, loop), 1, cancellationToken);
            report.Throughput.Add(new ThroughputRow("Raw: If-Match merge of a state row (one row per loop)", concurrency, "updates/s", updates));
        }
        foreach (var concurrency in new[] { 1, 4 })
        {
            var rows = await MeasureAsync(concurrency, loop => RawTable.TransactionLoopAsync(table, loop), RawTable.EventsPerTransaction, cancellationToken);
            report.Throughput.Add(new ThroughputRow("Raw: transaction of 99 inserts + 1 If-Match update (one partition per loop)", concurrency, "rows/s", rows));
        }
        await table.DeleteAsync(cancellationToken);
    }

    private async Task<Measurement> MeasureAsync(int concurrency, Func<int, Task<LoadOperation>> loop, int items, CancellationToken cancellationToken)
    {
        var rounds = new List<Measurement>();
        for (var round = 0; round < options.Rounds; round++)
            rounds.Add(await LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, loop, items, cancellationToken));
        return Measurement.Merge(rounds);
    }
}
