using Billing.Functions.Alerts;
using Billing.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Alerts;

/// <summary>Builds the real <see cref="SmtpAlertEmailSender"/> against a test server, with a fixed clock and captured logs.</summary>
public static class SmtpSenders
{
    public const string From = "Billing <billing@example.com>";

    public static SmtpOptions OptionsFor(int port) => new()
    {
        Host = Infrastructure.TestSmtpServer.Host,
        Port = port,
        Security = SmtpSecurity.None,
        From = From,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static SmtpAlertEmailSender Create(SmtpOptions options, LogCapture? logs = null)
    {
        var factory = LoggerFactory.Create(builder =>
        {
            if (logs is not null) builder.AddProvider(logs);
        });
        return new SmtpAlertEmailSender(Options.Create(options), new FakeTimeProvider(AlertEmails.Now), factory.CreateLogger<SmtpAlertEmailSender>());
    }
}
