using System.Globalization;
using Billing.Domain.Lago;
using Billing.Domain.Money;

namespace Billing.Functions.Lago;

/// <summary>
/// An outbox event as Lago's <c>EventInputObject</c>: our event id as <c>transaction_id</c>, the LiteLLM timestamp in
/// Unix seconds, the cost in cents for the <c>dynamic</c> charge model, and model, provider, tokens and cost as string
/// properties (Lago accepts numeric strings; the spec's <c>oneOf</c> trips strict validators on JSON integers).
/// </summary>
public static class LagoEventMapper
{
    public static LagoEvent ToLago(OutboxEvent e, string code)
    {
        var properties = new Dictionary<string, string>
        {
            ["model"] = e.Model,
            ["input_tokens"] = e.Tokens.Prompt.ToString(CultureInfo.InvariantCulture),
            ["output_tokens"] = e.Tokens.Completion.ToString(CultureInfo.InvariantCulture),
            ["total_tokens"] = e.Tokens.Total.ToString(CultureInfo.InvariantCulture),
            ["cost_usd"] = MoneyUnits.FromNanos(e.CostNanos).ToString("0.#########", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(e.Provider)) properties["provider"] = e.Provider;
        return new LagoEvent(e.EventId.Value, e.ExternalSubscriptionId, code, LagoEvent.TimestampOf(DateTimeOffset.FromUnixTimeSeconds(e.OccurredAtEpochSeconds)), e.PreciseCents, properties);
    }
}
