namespace Billing.Domain.Usage;

/// <summary>The idempotency key of a usage event: LiteLLM's <c>litellm_call_id</c>, else its <c>id</c>.</summary>
public readonly record struct UsageEventId
{
    public const int MaxLength = 512;

    public UsageEventId(string value)
    {
        Guard.That(IsValid(value), $"must be 1 to {MaxLength} characters", nameof(value));
        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(string? value) => value is { Length: > 0 and <= MaxLength };

    public override string ToString() => Value;
}
