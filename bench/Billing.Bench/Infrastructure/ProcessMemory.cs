namespace Billing.Bench.Infrastructure;

/// <summary>Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c> (VmRSS now, VmHWM the peak), in MiB.</summary>
public static class ProcessMemory
{
    public static (double RssMiB, double PeakMiB) Read(int processId)
    {
        double rss = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kb(line) / 1024.0;
        }
        return (rss, peak);
    }

    private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
