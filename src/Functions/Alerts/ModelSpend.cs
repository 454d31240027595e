namespace Billing.Functions.Alerts;

/// <summary>One model's share of a window's spend, for the "top models" table of an alert email.</summary>
public sealed record ModelSpend(string Model, decimal Cost, long Requests)
{
    public string Model { get; init; } = !string.IsNullOrWhiteSpace(Model)
        ? Model
        : throw new ArgumentException("A model name is required.", nameof(Model));

    public decimal Cost { get; init; } = Cost >= 0 ? Cost : throw new ArgumentOutOfRangeException(nameof(Cost), Cost, "must not be negative");

    public long Requests { get; init; } = Requests >= 0 ? Requests : throw new ArgumentOutOfRangeException(nameof(Requests), Requests, "must not be negative");
}
