namespace Billing.Functions.Usage;

/// <summary>One field of one input element is unusable. <see cref="Field"/> is its JSON path, e.g. <c>metadata.user_api_key_hash</c>.</summary>
public sealed class PayloadFieldException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    /// <summary>What is wrong with the field, without its name: the message for a problem body keyed by <see cref="Field"/>.</summary>
    public string Problem { get; } = problem;
}
