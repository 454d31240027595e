namespace Billing.Functions.Alerts;

/// <summary>
/// The SMTP relay for budget alert emails, bound from section <c>Smtp</c> (environment: <c>Smtp__Host</c>,
/// <c>Smtp__Port</c>, <c>Smtp__Security</c>, <c>Smtp__Username</c>, <c>Smtp__Password</c>, <c>Smtp__From</c>).
/// An empty <see cref="Host"/> means email is not configured. The password is never logged.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The relay's host name or address; empty turns alert email off.</summary>
    public string? Host { get; set; }

    /// <summary>1 to 65535; 25 by default (587 is usual with StartTls, 465 with SslOnConnect).</summary>
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Login name; when empty the client does not authenticate.</summary>
    public string? Username { get; set; }

    /// <summary>Used only with <see cref="Username"/>. A secret: held in configuration (Key Vault), never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address, optionally with a display name: <c>Billing &lt;billing@example.com&gt;</c>. Required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>Timeout of each network operation (connect, each command, each message).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
