using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Billing.Functions.Alerts;

/// <summary>Turns what MailKit threw into an <see cref="AlertDeliveryException"/> with the server's reason, the reply code and whether a retry may help.</summary>
internal static class SmtpFailure
{
    public static AlertDeliveryException Describe(Exception e, string host, int port, int sent, int total)
    {
        var (reason, code, transient) = e switch
        {
            SmtpCommandException c => ($"the server answered {Stage(c.ErrorCode)} with {(int)c.StatusCode} {c.Message}", (int?)c.StatusCode, (int)c.StatusCode is >= 400 and < 500),
            ServiceNotAuthenticatedException => ("the server requires a login (530); set Smtp:Username and Smtp:Password", 530, false),
            AuthenticationException a => ($"login refused: {a.Message}", null, false),
            SslHandshakeException => ("the TLS handshake failed (check Smtp:Security and Smtp:Port)", null, false),
            NotSupportedException n => (n.Message, null, false),
            SocketException s => ($"cannot connect ({s.SocketErrorCode})", null, true),
            TimeoutException => ("timed out", null, true),
            _ => (e.Message, null, true),
        };
        return new($"Alert email delivery via {host}:{port} failed after {sent} of {total} emails: {reason}", e, sent, code, transient);
    }

    private static string Stage(SmtpErrorCode error) => error switch
    {
        SmtpErrorCode.SenderNotAccepted => "MAIL FROM",
        SmtpErrorCode.RecipientNotAccepted => "RCPT TO",
        SmtpErrorCode.MessageNotAccepted => "DATA",
        _ => "a command",
    };
}
