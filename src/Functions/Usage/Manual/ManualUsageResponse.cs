namespace Billing.Functions.Usage.Manual;

/// <summary>
/// What a manual entry came to: the ledger's event id (<c>manual:&lt;id&gt;</c>), whether it was applied now
/// (false: that id was entered before with the same body, and nothing was left to apply), its subjects, its cost and where the cost came from
/// (<c>manual</c>, <c>price_book</c> or <c>unpriced</c>).
/// </summary>
public sealed record ManualUsageResponse(string Id, bool Applied, IReadOnlyList<string> Subjects, decimal Cost, string PriceSource);
