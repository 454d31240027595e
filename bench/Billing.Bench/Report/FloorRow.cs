namespace Billing.Bench.Report;

/// <summary>A target from the issue, what this run measured, and whether it was met (null: not measured here).</summary>
public sealed record FloorRow(string Floor, string Target, string Measured, bool? Met);
