using System.Diagnostics;

namespace Billing.Bench.Infrastructure;

/// <summary>One operation of a load loop; returns false when the answer was wrong (counted as an error).</summary>
public delegate ValueTask<bool> LoadOperation(CancellationToken cancellationToken);

/// <summary>
/// Closed-loop load: <c>concurrency</c> loops each run their operation back to back, first for a warm-up that is
/// not recorded, then for the measured window. Throughput is operations started in the window over the time until
/// the last of them finished.
/// </summary>
public static class LoadRunner
{
    public static async Task<Measurement> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan window, Func<int, Task<LoadOperation>> createWorker,
        int itemsPerOperation = 1, CancellationToken cancellationToken = default)
    {
        var operations = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(createWorker));
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(operations.Select(op => Task.Run(() => LoopAsync(op, measureFrom, stopAt, cancellationToken), cancellationToken)));
        var lastFinish = results.Max(r => r.LastFinish);
        var elapsed = Math.Max(0, lastFinish - measureFrom) / (double)Stopwatch.Frequency;
        return new Measurement(
            results.Sum(r => r.Latencies.Count), results.Sum(r => r.Errors), elapsed,
            results.SelectMany(r => r.Latencies).Select(t => t * 1000.0 / Stopwatch.Frequency), itemsPerOperation);
    }

    /// <summary>Runs the baseline and the subject in alternating rounds, so drift on a noisy machine hits both alike.</summary>
    public static async Task<(Measurement Baseline, Measurement Subject)> AlternateAsync(
        int rounds, Func<Task<Measurement>> baseline, Func<Task<Measurement>> subject)
    {
        var merged = await AlternateAsync(rounds, [baseline, subject]);
        return (merged[0], merged[1]);
    }

    /// <summary>Runs each measurement once per round, in order, and merges each one's rounds.</summary>
    public static async Task<Measurement[]> AlternateAsync(int rounds, IReadOnlyList<Func<Task<Measurement>>> measurements)
    {
        var results = measurements.Select(_ => new List<Measurement>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < measurements.Count; i++) results[i].Add(await measurements[i]());
        }
        return results.Select(Measurement.Merge).ToArray();
    }

    private static async Task<LoopResult> LoopAsync(LoadOperation operation, long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(4096);
        var errors = 0;
        var lastFinish = measureFrom;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= stopAt) break;
            var ok = await operation(cancellationToken);
            var finished = Stopwatch.GetTimestamp();
            if (started < measureFrom) continue;
            latencies.Add(finished - started);
            if (!ok) errors++;
            lastFinish = finished;
        }
        return new LoopResult(latencies, errors, lastFinish);
    }

    private sealed record LoopResult(List<long> Latencies, int Errors, long LastFinish);
}
