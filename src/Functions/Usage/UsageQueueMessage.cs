namespace Billing.Functions.Usage;

/// <summary>A received queue message, whatever the queue: its id for logs, its body and how often it was delivered.</summary>
public sealed record UsageQueueMessage(string Id, ReadOnlyMemory<byte> Body, long DeliveryCount);
