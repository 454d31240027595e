using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.Usage;

public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>Largest accepted body; larger gets 413. 512 events with full prompts run to megabytes.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest queue message. 48 KiB fits a Storage Queue (64 KiB); Service Bus mode uses 192 KiB (limit 256 KiB).</summary>
    [Range(16 * 1024, 200 * 1024)]
    public int MaxMessageBytes { get; set; } = 48 * 1024;
}
