using Billing.Bench.Infrastructure;

namespace Billing.Bench.Report;

/// <summary>A load result and, when it has one, the baseline measured alternately with it in the same run.</summary>
public sealed record ThroughputRow(string Scenario, int Concurrency, string Unit, Measurement Subject, string? BaselineName = null, Measurement? Baseline = null)
{
    /// <summary>Subject throughput over baseline throughput (items per second, so events compare with rows).</summary>
    public double? Ratio => Baseline is { ItemsPerSecond: > 0 } b ? Subject.ItemsPerSecond / b.ItemsPerSecond : null;

    /// <summary>Subject p50 minus baseline p50, in milliseconds.</summary>
    public double? P50Overhead => Baseline is { } b ? Subject.P50 - b.P50 : null;
}
