using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Billing.Functions.Alerts;

/// <summary>
/// What went wrong with an SMTP exchange, from what MailKit threw: the server's reason (never a secret), its reply
/// code when it answered, and whether a retry may help.
/// </summary>
internal readonly record struct SmtpFailure(string Reason, int? SmtpStatusCode, bool IsTransient)
{
    public static SmtpFailure Of(Exception e) => e switch
    {
        SmtpCommandException c => new($"the server answered {Stage(c.ErrorCode)} with {(int)c.StatusCode} {c.Message}", (int)c.StatusCode, (int)c.StatusCode is >= 400 and < 500),
        ServiceNotAuthenticatedException => new("the server requires a login (530); set Smtp:Username and Smtp:Password", 530, false),
        AuthenticationException a => new($"login refused: {a.Message}", null, false),
        SslHandshakeException => new("the TLS handshake failed (check Smtp:Security, Smtp:Port and the server's certificate)", null, false),
        NotSupportedException n => new(n.Message, null, false),
        SocketException s => new($"cannot connect ({s.SocketErrorCode})", null, true),
        TimeoutException => new("timed out", null, true),
        _ => new(e.Message, null, true),
    };

    public AlertDeliveryException ToException(Exception inner, string host, int port, int sent, int total) =>
        new($"Alert email delivery via {host}:{port} failed after {sent} of {total} emails: {Reason}", inner, sent, SmtpStatusCode, IsTransient);

    private static string Stage(SmtpErrorCode error) => error switch
    {
        SmtpErrorCode.SenderNotAccepted => "MAIL FROM",
        SmtpErrorCode.RecipientNotAccepted => "RCPT TO",
        SmtpErrorCode.MessageNotAccepted => "DATA",
        _ => "a command",
    };
}
