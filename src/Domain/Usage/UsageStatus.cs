namespace Billing.Domain.Usage;

public enum UsageStatus
{
    Success,
    Failure,
}
