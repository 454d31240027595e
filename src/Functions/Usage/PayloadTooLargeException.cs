namespace Billing.Functions.Usage;

public sealed class PayloadTooLargeException(long limit)
    : Exception($"The body is larger than the {limit}-byte limit (Webhook:MaxBodyBytes).")
{
    public long Limit { get; } = limit;
}
