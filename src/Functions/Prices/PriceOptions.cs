namespace Billing.Functions.Prices;

public sealed class PriceOptions
{
    public const string SectionName = "Prices";

    /// <summary>
    /// How long an instance prices from its in-memory copy of the price book before it reads the table again; a price
    /// set through this instance applies at once. <c>00:00:00</c> reads the table for every use.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
