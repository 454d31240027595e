using Billing.Functions.Storage;

namespace Billing.Functions.Usage;

/// <summary>What became of each received message, and the (event, subject) pairs applied and found already applied.</summary>
public sealed record IngestReport(IReadOnlyList<IngestDisposition> Dispositions, LedgerResult Ledger)
{
    public IngestDisposition this[int index] => Dispositions[index];
}
