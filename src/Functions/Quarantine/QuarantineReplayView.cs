namespace Billing.Functions.Quarantine;

/// <summary><c>{"events", "applied", "duplicates"}</c>: what a replay decoded and applied, in (event, subject) pairs.</summary>
public sealed record QuarantineReplayView(int Events, int Applied, int Duplicates);
