namespace Billing.Bench.Report;

/// <summary>Process start to first successful check, over several starts, and resident memory idle and under load.</summary>
public sealed record StartupRow(string Build, IReadOnlyList<double> StartMs, double IdleRssMiB, double LoadRssMiB, double PeakRssMiB, string Note)
{
    public double MedianMs => StartMs.Count == 0 ? double.NaN : StartMs.Order().ElementAt(StartMs.Count / 2);
    public double MinMs => StartMs.Count == 0 ? double.NaN : StartMs.Min();
    public double MaxMs => StartMs.Count == 0 ? double.NaN : StartMs.Max();
}
