namespace Billing.Bench.Infrastructure;

/// <summary>Operations, errors and per-operation latencies of one measured window (or several, merged).</summary>
public sealed class Measurement
{
    private readonly double[] _sortedMs;

    public Measurement(long operations, long errors, double elapsedSeconds, IEnumerable<double> latenciesMs, int itemsPerOperation = 1)
    {
        Operations = operations;
        Errors = errors;
        ElapsedSeconds = elapsedSeconds;
        ItemsPerOperation = itemsPerOperation;
        _sortedMs = latenciesMs.ToArray();
        Array.Sort(_sortedMs);
    }

    public long Operations { get; }
    public long Errors { get; }
    public double ElapsedSeconds { get; }

    /// <summary>Items (events, rows) each operation carries, for <see cref="ItemsPerSecond"/>.</summary>
    public int ItemsPerOperation { get; }

    public double PerSecond => ElapsedSeconds > 0 ? Operations / ElapsedSeconds : 0;
    public double ItemsPerSecond => PerSecond * ItemsPerOperation;
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);
    public double P999 => Percentile(0.999);

    /// <summary>Nearest-rank percentile in milliseconds; NaN when nothing was measured.</summary>
    public double Percentile(double q)
    {
        if (_sortedMs.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q * _sortedMs.Length) - 1;
        return _sortedMs[Math.Clamp(rank, 0, _sortedMs.Length - 1)];
    }

    public static Measurement Merge(IReadOnlyList<Measurement> parts) => new(
        parts.Sum(p => p.Operations),
        parts.Sum(p => p.Errors),
        parts.Sum(p => p.ElapsedSeconds),
        parts.SelectMany(p => p._sortedMs),
        parts.Count == 0 ? 1 : parts[0].ItemsPerOperation);
}
