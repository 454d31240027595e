namespace Billing.Functions.Storage;

/// <summary>Input we could not use, kept with the reason. <see cref="Raw"/> never holds prompts or completions.</summary>
public sealed record QuarantinedItem(string Source, int? Index, string Reason, string Raw);
