using Billing.Bench.Infrastructure;

namespace Billing.Bench.Report;

/// <summary>One end-to-end ingest (or naive baseline) run: rates, the Table operations it cost, and whether the ledger adds up.</summary>
public sealed record IngestRow(
    string Workload, string Writer, long Events, long EventSubjects, double Seconds, TableOperationCounts Operations, double RawRowsPerSecond, string LedgerCheck)
{
    public double EventsPerSecond => Events / Seconds;
    public double EventSubjectsPerSecond => EventSubjects / Seconds;
    public double Ratio => RawRowsPerSecond > 0 ? EventSubjectsPerSecond / RawRowsPerSecond : double.NaN;
    public double OperationsPerEventSubject => EventSubjects > 0 ? Operations.EntityOperations / (double)EventSubjects : double.NaN;
    public double RequestsPerEventSubject => EventSubjects > 0 ? Operations.Requests / (double)EventSubjects : double.NaN;
}
