namespace Billing.Functions.Quarantine;

/// <summary>A page of <c>GET /api/quarantine</c>, oldest first; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record QuarantineListResponse(IReadOnlyList<QuarantineItemView> Items, string? Continuation);
