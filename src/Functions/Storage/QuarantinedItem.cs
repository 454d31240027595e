namespace Billing.Functions.Storage;

/// <summary>Input we could not use, kept with the reason. <see cref="Raw"/> never holds prompts or completions.</summary>
public sealed record QuarantinedItem(string Source, int? Index, string Reason, string Raw)
{
    /// <summary>A rejected element of a webhook body: <see cref="Raw"/> is the element's JSON, minus prompts and responses.</summary>
    public const string Webhook = "webhook";

    /// <summary>A poison queue message: <see cref="Raw"/> is the message body.</summary>
    public const string Ingest = "ingest";
}
