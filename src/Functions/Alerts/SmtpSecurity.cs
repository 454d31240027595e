namespace Billing.Functions.Alerts;

/// <summary>How the SMTP connection is secured (<c>Smtp:Security</c>). Maps one to one to MailKit's <c>SecureSocketOptions</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, no TLS (a local relay only).</summary>
    None,

    /// <summary>Plain connect, then STARTTLS; fails if the server does not offer it (typical on port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, typical on port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it, else plain text.</summary>
    Auto,
}
