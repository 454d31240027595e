namespace Billing.Functions.Usage;

/// <summary>A queue message that can never succeed: it goes to the poison path with this reason, not back to the queue.</summary>
public sealed class PoisonMessageException(string reason, Exception? inner = null) : Exception(reason, inner);
