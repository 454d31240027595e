namespace Billing.Functions.Prices;

/// <summary><c>GET /api/prices</c>: <c>{"prices": [...]}</c>.</summary>
public sealed record PriceListResponse(IReadOnlyList<PriceView> Prices);
