namespace Billing.Functions.Alerts;

/// <summary>Delivers budget alert emails. Tests fake it by hand; the app uses <see cref="SmtpAlertEmailSender"/>.</summary>
public interface IAlertEmailSender
{
    /// <summary>
    /// Sends the emails in order, over one connection. Returns when the server accepted all of them. Throws
    /// <see cref="AlertDeliveryException"/> when the server cannot be reached or refuses one; its
    /// <see cref="AlertDeliveryException.SentCount"/> says how many were accepted first, and a resend of those is
    /// recognisable by the same Message-ID.
    /// </summary>
    Task SendAsync(IReadOnlyList<AlertEmail> emails, CancellationToken cancellationToken);
}
