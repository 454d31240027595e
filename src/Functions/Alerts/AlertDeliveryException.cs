namespace Billing.Functions.Alerts;

/// <summary>
/// Alert emails could not be delivered: the SMTP server was unreachable, timed out, or refused. The message carries
/// the server's reason and never a secret. Retry with backoff when <see cref="IsTransient"/>; a permanent refusal
/// (5xx, failed login, missing TLS) needs a configuration change first.
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(string message, Exception innerException, int sentCount, int? smtpStatusCode, bool isTransient)
        : base(message, innerException)
    {
        SentCount = sentCount;
        SmtpStatusCode = smtpStatusCode;
        IsTransient = isTransient;
    }

    /// <summary>How many emails of the batch the server accepted before the failure (they come first, in order).</summary>
    public int SentCount { get; }

    /// <summary>The SMTP reply code when the server answered with a refusal, e.g. 451 or 554; null for connection failures.</summary>
    public int? SmtpStatusCode { get; }

    /// <summary>True when trying again later may succeed: connection failures, timeouts and 4xx replies.</summary>
    public bool IsTransient { get; }
}
