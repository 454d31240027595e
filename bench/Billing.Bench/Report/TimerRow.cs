using Billing.Bench.Infrastructure;

namespace Billing.Bench.Report;

/// <summary>One timer run: how long it took for how many accounts, its Table operations, and the raw update rate of the same run.</summary>
public sealed record TimerRow(string Run, int Accounts, double Seconds, TableOperationCounts Operations, double RawUpdatesPerSecond)
{
    public double AccountsPerSecond => Accounts / Seconds;
    public double OperationsPerAccount => Accounts > 0 ? Operations.EntityOperations / (double)Accounts : double.NaN;
    public double Ratio => RawUpdatesPerSecond > 0 ? AccountsPerSecond / RawUpdatesPerSecond : double.NaN;
}
