namespace Billing.Functions.Entitlements;

/// <summary>
/// Where the check's cost estimate came from (<c>estimate_source</c>): the request's <c>estimated_cost</c>, the price
/// book (the model's price for the estimated prompt and completion tokens), or none (the estimate is 0).
/// </summary>
public static class EstimateSources
{
    public const string Request = "request";
    public const string PriceBook = "price_book";
    public const string None = "none";
}
