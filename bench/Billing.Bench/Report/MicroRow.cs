namespace Billing.Bench.Report;

/// <summary>One BenchmarkDotNet case: mean time and bytes allocated per operation, and the ratio to its baseline case.</summary>
public sealed record MicroRow(string Benchmark, string Case, double MeanNs, long AllocatedBytes, double? Ratio);
