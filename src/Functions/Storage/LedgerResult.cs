namespace Billing.Functions.Storage;

/// <summary>Counts of (event, subject) pairs: newly applied, and found already applied.</summary>
public readonly record struct LedgerResult(int Applied, int Duplicates);
