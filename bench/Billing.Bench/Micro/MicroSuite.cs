using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Billing.Bench.Report;

namespace Billing.Bench.Micro;

/// <summary>
/// The BenchmarkDotNet suite, in this process (no generated project to build) with a short job; smoke runs each
/// case once to prove it works.
/// </summary>
public static class MicroSuite
{
    public static void Run(BenchOptions options, BenchReport report)
    {
        var job = (options.Smoke ? Job.Dry : Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(100)))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(options.MicroOnly ? ConsoleLogger.Default : NullLogger.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "billing-bench-artifacts"))
            .WithOptions(options.Smoke ? ConfigOptions.DisableOptimizationsValidator : ConfigOptions.Default);
        if (options.MicroFilter is { } filter)
            config = config.AddFilter(new SimpleFilter(b => b.Descriptor.Type.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)));

        foreach (var summary in BenchmarkRunner.Run([typeof(NormalizerBenchmarks), typeof(MoneyBenchmarks), typeof(TableKeysBenchmarks), typeof(WebhookBenchmarks)], config))
            Collect(summary, report);
    }

    private static void Collect(Summary summary, BenchReport report)
    {
        if (summary.HasCriticalValidationErrors)
            report.Problems.Add($"Micro {summary.Title}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
        foreach (var result in summary.Reports)
        {
            var benchmark = result.BenchmarkCase;
            var name = $"{benchmark.Descriptor.Type.Name.Replace("Benchmarks", "")}.{benchmark.Descriptor.WorkloadMethod.Name}";
            if (!result.Success || result.ResultStatistics is null)
            {
                report.Problems.Add($"Micro {name} {benchmark.Parameters.DisplayInfo}: did not run.");
                continue;
            }
            var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline
                && r.BenchmarkCase.Descriptor.Type == benchmark.Descriptor.Type
                && r.BenchmarkCase.Parameters.DisplayInfo == benchmark.Parameters.DisplayInfo);
            var mean = result.ResultStatistics.Mean;
            double? ratio = baseline?.ResultStatistics is { Mean: > 0 } b && !benchmark.Descriptor.Baseline ? mean / b.Mean : null;
            report.Micro.Add(new MicroRow(name, benchmark.Parameters.DisplayInfo, mean,
                result.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? 0, ratio));
        }
    }
}
