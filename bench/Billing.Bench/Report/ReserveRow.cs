using Billing.Bench.Infrastructure;

namespace Billing.Bench.Report;

/// <summary>
/// One reserving-check workload at one concurrency, against its raw If-Match baseline measured alternately in the
/// same run; how long its holds live (real time), the Table operations its reserving checks cost (warm-up included,
/// as the checks counted are), and the largest hold list left on a state row at the end.
/// </summary>
public sealed record ReserveRow(
    string Workload, TimeSpan HoldsLive, int Concurrency, Measurement Subject, string BaselineName, Measurement Baseline,
    long Checks, TableOperationCounts Operations, int Holds, int HoldChars)
{
    public double Ratio => Baseline.PerSecond > 0 ? Subject.PerSecond / Baseline.PerSecond : double.NaN;
    public double OperationsPerCheck => Checks > 0 ? Operations.EntityOperations / (double)Checks : double.NaN;
    public double RejectedPerCheck => Checks > 0 ? Operations.PreconditionFailed / (double)Checks : double.NaN;
}
