namespace Billing.Functions.Usage;

internal static partial class UsageLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Webhook rejected {Rejected} elements and accepted {Accepted}; rejected elements are in quarantine")]
    public static partial void ElementsRejected(ILogger logger, int rejected, int accepted);

    [LoggerMessage(1002, LogLevel.Information, "Applied usage message {MessageId}: {Applied} event-subject updates, {Duplicates} already applied")]
    public static partial void MessageApplied(ILogger logger, string messageId, int applied, int duplicates);

    [LoggerMessage(1003, LogLevel.Error, "Usage message {MessageId} is poison and was moved to {PoisonPath}: {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string messageId, string poisonPath, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Usage message {MessageId} failed on delivery {DeliveryCount} and will be retried")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageId, long deliveryCount);

    [LoggerMessage(1005, LogLevel.Error, "Usage queue worker failed to poll {Queue}")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(1006, LogLevel.Information, "Applied {Messages} usage messages together: {Applied} event-subject updates, {Duplicates} already applied")]
    public static partial void MessagesApplied(ILogger logger, int messages, int applied, int duplicates);

    [LoggerMessage(1007, LogLevel.Warning, "Applying {Messages} usage messages together failed; handling them one by one")]
    public static partial void MessagesFailedTogether(ILogger logger, Exception exception, int messages);

    [LoggerMessage(1008, LogLevel.Warning, "Webhook accepted {Unpriced} of {Accepted} events that neither LiteLLM nor the price book could price; they count at cost 0 with price source unpriced")]
    public static partial void EventsUnpriced(ILogger logger, int unpriced, int accepted);

    [LoggerMessage(1009, LogLevel.Information, "Manual usage {EventId} entered for {Subjects} subjects: {Applied} event-subject updates, {Duplicates} already applied")]
    public static partial void ManualUsage(ILogger logger, string eventId, int subjects, int applied, int duplicates);

    [LoggerMessage(1010, LogLevel.Information, "Usage message {MessageId} was received again by another consumer while this one applied it (its visibility timeout ran out); that consumer deletes it")]
    public static partial void MessageTakenByAnother(ILogger logger, string messageId);

    [LoggerMessage(1011, LogLevel.Warning, "Extending the visibility of usage message {MessageId} failed; tried again at the next renewal")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string messageId);
}
