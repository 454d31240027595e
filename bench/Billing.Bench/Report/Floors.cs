using System.Globalization;

namespace Billing.Bench.Report;

/// <summary>The issue's floors, judged against this run's rows (full runs only: smoke checks no timing).</summary>
public static class Floors
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Evaluate(BenchReport report)
    {
        var uncached = report.Throughput.Where(r => r.Scenario.Contains("uncached", StringComparison.Ordinal)).ToList();
        if (uncached.Count > 0)
        {
            var worst = uncached.MinBy(r => r.Ratio ?? double.MaxValue)!;
            report.Floors.Add(new("Check, uncached: throughput vs raw point reads", "≥ 0.9×",
                $"worst {BenchReport.Ratio(worst.Ratio)} ({Describe(worst)})", worst.Ratio >= 0.9));
            var latency = uncached.Where(r => r.Concurrency == 1).MaxBy(r => r.P50Overhead ?? double.MaxValue)!;
            report.Floors.Add(new("Check, uncached: p50 overhead over raw reads, 1 concurrent", "< 0.3 ms",
                $"worst {BenchReport.Ms(latency.P50Overhead ?? double.NaN)} ms ({Describe(latency)})", latency.P50Overhead < 0.3));
        }

        foreach (var subjects in new[] { "1 subject", "5 subject" })
        {
            var cached = report.Throughput.Where(r => r.Scenario.Contains("cached (", StringComparison.Ordinal) && r.Scenario.Contains(subjects, StringComparison.Ordinal)).ToList();
            if (cached.Count == 0) continue;
            var fastest = cached.MaxBy(r => r.Subject.PerSecond)!;
            var within = cached.Where(r => r.Subject.P99 < 2).MaxBy(r => r.Subject.PerSecond);
            var measured = within is null
                ? $"no concurrency keeps p99 < 2 ms; fastest {BenchReport.Rate(fastest.Subject.PerSecond)}/s at p99 {BenchReport.Ms(fastest.Subject.P99)} ms ({Describe(fastest)})"
                : $"{BenchReport.Rate(within.Subject.PerSecond)}/s at p99 {BenchReport.Ms(within.Subject.P99)} ms ({Describe(within)}); fastest {BenchReport.Rate(fastest.Subject.PerSecond)}/s at p99 {BenchReport.Ms(fastest.Subject.P99)} ms";
            report.Floors.Add(new($"Check, cached, {subjects.Replace("subject", "subject(s)")}: throughput with p99 < 2 ms", "≥ 20,000/s", measured, within?.Subject.PerSecond >= 20_000));
        }

        // Judged where the hot team's holds live shortest (what a reservation's write costs); the longer-lived rows show
        // what the hold list each write carries costs on top.
        var hotReserve = report.Reserve.Where(r => r.Workload.Contains("one hot", StringComparison.Ordinal)).ToList();
        if (hotReserve.Count > 0)
        {
            var lives = hotReserve.Min(r => r.HoldsLive);
            var worst = hotReserve.Where(r => r.HoldsLive == lives).MinBy(r => r.Ratio)!;
            var longer = hotReserve.Where(r => r.HoldsLive > lives).GroupBy(r => r.HoldsLive)
                .Select(g => g.MinBy(r => r.Ratio)!).Select(r => $"; holds living {r.HoldsLive.TotalSeconds:0.##} s: worst {BenchReport.Ratio(r.Ratio)} ({r.Holds:N0} holds on the row)");
            report.Floors.Add(new("Reserving check, one hot subject: checks/s vs raw If-Match merges of one row, 1 concurrent", "≥ 0.8×",
                $"worst {BenchReport.Ratio(worst.Ratio)} ({BenchReport.Rate(worst.Subject.PerSecond)}/s vs {BenchReport.Rate(worst.Baseline.PerSecond)}/s, {worst.Concurrency} concurrent, "
                + $"holds living {lives.TotalSeconds:0.##} s, {worst.Holds:N0} on the row){string.Concat(longer)}", worst.Ratio >= 0.8));
        }

        if (report.Throughput.FirstOrDefault(r => r.Scenario.StartsWith("Webhook", StringComparison.Ordinal) && r.Concurrency == 1) is { } webhook)
            report.Floors.Add(new("Webhook: acknowledgement p99, 1 concurrent", "< 50 ms", $"{BenchReport.Ms(webhook.Subject.P99)} ms", webhook.Subject.P99 < 50));

        var app = report.Ingest.Where(r => r.Writer.StartsWith("app", StringComparison.Ordinal)).ToList();
        if (app.FirstOrDefault() is { } hot)
            report.Floors.Add(new($"Ingest, {hot.Workload}: event-subjects/s vs raw 99 + 1 transactions", "≥ 0.5×",
                $"{BenchReport.Ratio(hot.Ratio)} ({BenchReport.Rate(hot.EventSubjectsPerSecond)}/s vs {BenchReport.Rate(hot.RawRowsPerSecond)} rows/s)", hot.Ratio >= 0.5));
        foreach (var row in app)
            report.Floors.Add(new($"Ingest, {row.Workload}: Table operations per event-subject", "≤ 1.05",
                row.OperationsPerEventSubject.ToString("0.000", Invariant), row.OperationsPerEventSubject <= 1.05));

        foreach (var startup in report.Startup)
        {
            if (startup.Build == "NativeAOT")
                report.Floors.Add(new("Start-up, NativeAOT: process start to first successful check", "< 150 ms",
                    startup.StartMs.Count == 0 ? "see docs/deploy.md" : $"median {startup.MedianMs:0} ms", startup.StartMs.Count == 0 ? null : startup.MedianMs < 150));
            if (!double.IsNaN(startup.PeakRssMiB))
                report.Floors.Add(new($"RSS under load, {startup.Build}", "< 150 MB",
                    $"VmHWM {startup.PeakRssMiB:0} MiB (VmRSS under load {startup.LoadRssMiB:0} MiB, idle {startup.IdleRssMiB:0} MiB)", startup.PeakRssMiB < 150));
        }
    }

    private static string Describe(ThroughputRow row) => $"{row.Scenario.Split(", ").Last()}, {row.Concurrency} concurrent";
}
