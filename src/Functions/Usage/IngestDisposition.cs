namespace Billing.Functions.Usage;

/// <summary>What the host shell does with a message after <see cref="UsageIngestHandler"/> handled it.</summary>
public enum IngestDisposition
{
    /// <summary>Applied, or found already applied: complete (Service Bus) or delete (Storage Queue).</summary>
    Done,

    /// <summary>Can never succeed and is now in the quarantine table with its reason: complete or delete it too.</summary>
    Quarantined,

    /// <summary>A transient failure: leave the message for redelivery (Service Bus abandon, Storage Queue timeout).</summary>
    Retry,
}
