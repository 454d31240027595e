using System.Globalization;
using System.Text;
using Billing.Bench.Infrastructure;

namespace Billing.Bench.Report;

/// <summary>Everything one run measured, rendered as the Markdown that is printed and written to docs/benchmarks.md.</summary>
public sealed class BenchReport(MachineInfo machine, string mode)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public List<ThroughputRow> Throughput { get; } = [];
    public List<IngestRow> Ingest { get; } = [];
    public List<ReserveRow> Reserve { get; } = [];
    public List<StartupRow> Startup { get; } = [];
    public List<TimerRow> Timers { get; } = [];
    public List<FloorRow> Floors { get; } = [];
    public List<MicroRow> Micro { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Scenarios that are broken (wrong answers, sums that do not match): smoke fails on any.</summary>
    public List<string> Problems { get; } = [];

    public TimeSpan Duration { get; set; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"Run: `{mode}`, {machine.Date:yyyy-MM-dd HH:mm} UTC, commit `{machine.Commit}`, took {Duration.TotalMinutes:0.0} min.")
            .AppendLine()
            .AppendLine(Invariant, $"Machine: {machine.Cores} cores, {machine.Cpu}, {machine.Ram} RAM, {machine.Os}; {machine.DotNet} ({machine.Gc}); {machine.Azurite} in memory.")
            .AppendLine();
        if (Floors.Count > 0)
        {
            md.AppendLine("### Floors").AppendLine().AppendLine("| Floor | Target | Measured | Met |").AppendLine("|---|---|---|---|");
            foreach (var f in Floors) md.AppendLine(Invariant, $"| {f.Floor} | {f.Target} | {f.Measured} | {(f.Met is { } met ? met ? "yes" : "**no**" : "not measured")} |");
            md.AppendLine();
        }
        if (Throughput.Count > 0)
        {
            md.AppendLine("### Throughput and latency").AppendLine()
                .AppendLine("| Scenario | Conc. | Throughput | p50 ms | p99 ms | p99.9 ms | Baseline (same run, alternated) | Baseline throughput | Baseline p50 ms | Ratio | p50 overhead ms |")
                .AppendLine("|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|");
            foreach (var r in Throughput)
            {
                var s = r.Subject;
                var b = r.Baseline;
                md.AppendLine(Invariant,
                    $"| {r.Scenario} | {r.Concurrency} | {Rate(s.ItemsPerSecond)} {r.Unit} | {Ms(s.P50)} | {Ms(s.P99)} | {Ms(s.P999)} | {r.BaselineName ?? "—"} | {(b is null ? "—" : Rate(b.ItemsPerSecond))} | {(b is null ? "—" : Ms(b.P50))} | {Ratio(r.Ratio)} | {(r.P50Overhead is { } o ? Ms(o) : "—")} |");
            }
            md.AppendLine();
        }
        if (Ingest.Count > 0)
        {
            md.AppendLine("### Ingest, exactly once, end to end").AppendLine()
                .AppendLine("| Workload | Writer | Events | Event-subjects | Events/s | Event-subjects/s | Ratio to raw 99-row transactions | Table ops per event-subject | HTTP requests per event-subject | Transactions (rejected) | Ledger |")
                .AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
            foreach (var r in Ingest)
                md.AppendLine(Invariant,
                    $"| {r.Workload} | {r.Writer} | {r.Events:N0} | {r.EventSubjects:N0} | {Rate(r.EventsPerSecond)} | {Rate(r.EventSubjectsPerSecond)} | {Ratio(r.Ratio)} | {r.OperationsPerEventSubject:0.000} | {r.RequestsPerEventSubject:0.000} | {r.Operations.Transactions:N0} ({r.Operations.FailedTransactions:N0}) | {r.LedgerCheck} |");
            md.AppendLine();
        }
        if (Reserve.Count > 0)
        {
            md.AppendLine("### Reserving checks (`\"reserve\": true`)").AppendLine()
                .AppendLine("| Workload | Conc. | Checks/s | p50 ms | p99 ms | Baseline (same run, alternated) | Baseline/s | Baseline p50 ms | Baseline p99 ms | Ratio | Table ops per check | 412s per check | Largest hold list at the end |")
                .AppendLine("|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in Reserve)
                md.AppendLine(Invariant,
                    $"| {r.Workload} | {r.Concurrency} | {Rate(r.Subject.PerSecond)} | {Ms(r.Subject.P50)} | {Ms(r.Subject.P99)} | {r.BaselineName} | {Rate(r.Baseline.PerSecond)} | {Ms(r.Baseline.P50)} | {Ms(r.Baseline.P99)} | {Ratio(r.Ratio)} | {r.OperationsPerCheck:0.000} | {r.RejectedPerCheck:0.000} | {r.Holds:N0} holds, {r.HoldChars:N0} chars |");
            md.AppendLine();
        }
        if (Timers.Count > 0)
        {
            md.AppendLine("### Timers").AppendLine()
                .AppendLine("| Run | Accounts | Seconds | Accounts/s | Table ops | Ops per account | Raw If-Match updates/s (same run) | Ratio |")
                .AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var r in Timers)
                md.AppendLine(Invariant,
                    $"| {r.Run} | {r.Accounts:N0} | {r.Seconds:0.00} | {Rate(r.AccountsPerSecond)} | {r.Operations.EntityOperations:N0} | {r.OperationsPerAccount:0.00} | {Rate(r.RawUpdatesPerSecond)} | {Ratio(r.Ratio)} |");
            md.AppendLine();
        }
        if (Startup.Count > 0)
        {
            md.AppendLine("### Start-up and memory (separate process)").AppendLine()
                .AppendLine("| Build | Starts | Start → first check, median ms | min–max ms | VmRSS idle MiB | VmRSS under load MiB | VmHWM MiB | Note |")
                .AppendLine("|---|--:|--:|--:|--:|--:|--:|---|");
            foreach (var r in Startup)
                md.AppendLine(Invariant,
                    $"| {r.Build} | {r.StartMs.Count} | {Ms0(r.MedianMs)} | {Ms0(r.MinMs)}–{Ms0(r.MaxMs)} | {Ms0(r.IdleRssMiB)} | {Ms0(r.LoadRssMiB)} | {Ms0(r.PeakRssMiB)} | {r.Note} |");
            md.AppendLine();
        }
        if (Micro.Count > 0)
        {
            md.AppendLine("### Micro-benchmarks (BenchmarkDotNet, in-process, short job)").AppendLine()
                .AppendLine("| Benchmark | Case | Mean | Allocated | Ratio to baseline case |").AppendLine("|---|---|--:|--:|--:|");
            foreach (var r in Micro)
                md.AppendLine(Invariant, $"| {r.Benchmark} | {r.Case} | {Ns(r.MeanNs)} | {r.AllocatedBytes:N0} B | {Ratio(r.Ratio)} |");
            md.AppendLine();
        }
        if (Notes.Count > 0)
        {
            md.AppendLine("### Notes from this run").AppendLine();
            foreach (var n in Notes) md.AppendLine("- " + n);
            md.AppendLine();
        }
        if (Problems.Count > 0)
        {
            md.AppendLine("### Broken").AppendLine();
            foreach (var p in Problems) md.AppendLine("- " + p);
            md.AppendLine();
        }
        return md.ToString();
    }

    public static string Rate(double perSecond) => double.IsNaN(perSecond) ? "—" : perSecond.ToString(perSecond >= 100 ? "N0" : "N1", Invariant);

    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms >= 10 ? "0.0" : "0.00", Invariant);

    private static string Ms0(double value) => double.IsNaN(value) ? "—" : value.ToString("N0", Invariant);

    public static string Ratio(double? ratio) => ratio is { } r && !double.IsNaN(r) ? r.ToString(r >= 10 ? "0" : "0.00", Invariant) + "×" : "—";

    private static string Ns(double ns) => ns >= 10_000 ? (ns / 1000).ToString("N1", Invariant) + " µs" : ns.ToString("N1", Invariant) + " ns";
}
