using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.Usage;

/// <summary>The standalone usage queue (Azure Storage Queue, Azurite locally). On Functions, Service Bus replaces it.</summary>
public sealed class UsageQueueOptions
{
    public const string SectionName = "UsageQueue";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Name { get; set; } = "usage";

    /// <summary>Deliveries before a failing message is quarantined (both hosts; Service Bus's own limit is higher).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a received message stays invisible; a crash makes it visible again after this.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait between polls of an empty queue.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Parallel consumer loops in this process; 0 disables the worker (tests drain the queue themselves).</summary>
    [Range(0, 64)]
    public int Consumers { get; set; } = 2;
}
