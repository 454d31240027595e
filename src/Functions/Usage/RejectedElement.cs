namespace Billing.Functions.Usage;

/// <summary>An element of the webhook body that was not accepted, by its zero-based index; kept in quarantine.</summary>
public sealed record RejectedElement(int Index, string Field, string Error);
