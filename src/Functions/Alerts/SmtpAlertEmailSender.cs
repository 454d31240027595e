using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Billing.Functions.Alerts;

/// <summary>
/// Sends alert emails through the configured SMTP relay with MailKit: one connection per batch (connect, log in when
/// <see cref="SmtpOptions.Username"/> is set, send each, quit). <see cref="SmtpOptions.Timeout"/> bounds every network
/// operation; the cancellation token ends the batch at once. Failures become <see cref="AlertDeliveryException"/>.
/// </summary>
public sealed class SmtpAlertEmailSender(IOptions<SmtpOptions> options, TimeProvider time, ILogger<SmtpAlertEmailSender> logger) : IAlertEmailSender
{
    public async Task SendAsync(IReadOnlyList<AlertEmail> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (emails.Count == 0) return;
        var smtp = options.Value;
        if (!smtp.IsConfigured || !MailAddresses.TryParse(smtp.From, out var from))
            throw new InvalidOperationException("Alert email is not configured (Smtp:Host and Smtp:From); check SmtpOptions.IsConfigured before sending.");

        var now = time.GetUtcNow();
        var messages = emails.Select(email => AlertEmailRenderer.ToMimeMessage(email, from, now)).ToList();
        var host = smtp.Host!;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var sent = 0;
        try
        {
            await client.ConnectAsync(host, smtp.Port, ToSecureSocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            foreach (var message in messages)
            {
                await client.SendAsync(message, cancellationToken);
                sent++;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsDeliveryFailure(e))
        {
            var failure = SmtpFailure.Of(e);
            AlertLog.DeliveryFailed(logger, e, host, smtp.Port, sent, messages.Count, failure.IsTransient, failure.Reason);
            throw failure.ToException(e, host, smtp.Port, sent, messages.Count);
        }

        AlertLog.Sent(logger, sent, host, smtp.Port);
        await QuitAsync(client, host, smtp.Port, cancellationToken);
    }

    /// <summary>Every email is accepted by now; a failing QUIT changes nothing for the caller.</summary>
    private async Task QuitAsync(SmtpClient client, string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsDeliveryFailure(e))
        {
            AlertLog.DisconnectFailed(logger, e, host, port);
        }
    }

    internal static SecureSocketOptions ToSecureSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "unknown SMTP security mode"),
    };

    /// <summary>What the network or the server can do to us; anything else (a bug of ours) stays as it is.</summary>
    private static bool IsDeliveryFailure(Exception e) => e is
        IOException or SocketException or TimeoutException or ProtocolException or CommandException
        or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
        or ServiceNotAuthenticatedException or NotSupportedException;
}
