namespace Billing.Bench.Infrastructure;

/// <summary>
/// Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>, in MiB: VmRSS now, VmHWM the peak, and VmRSS
/// split into anonymous memory (GC heap, native allocations, stacks) and file-backed pages (mapped assemblies, runtime).
/// </summary>
public readonly record struct ProcessMemory(double RssMiB, double PeakMiB, double AnonMiB, double FileMiB)
{
    public static ProcessMemory Read(int processId)
    {
        double rss = double.NaN, peak = double.NaN, anon = double.NaN, file = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = MiB(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = MiB(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = MiB(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = MiB(line);
        }
        return new ProcessMemory(rss, peak, anon, file);
    }

    private static double MiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}
