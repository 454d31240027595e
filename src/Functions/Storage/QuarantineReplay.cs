namespace Billing.Functions.Storage;

/// <summary>What one replay applied: events decoded, (event, subject) pairs applied and found already applied.</summary>
public readonly record struct QuarantineReplay(int Events, int Applied, int Duplicates);
