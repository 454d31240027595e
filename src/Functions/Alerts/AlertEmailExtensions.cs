using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.Functions.Alerts;

public static class AlertEmailExtensions
{
    /// <summary>
    /// Binds <see cref="SmtpOptions"/> from <c>Smtp</c>, validated at start-up, and registers the SMTP sender. With no
    /// <c>Smtp:Host</c> email is off: check <see cref="SmtpOptions.IsConfigured"/> before sending.
    /// </summary>
    public static IServiceCollection AddAlertEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.SectionName)
            .Validate(o => o.Port is >= 1 and <= 65535,
                "Smtp:Port must be between 1 and 65535.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.From),
                "Smtp:From is required when Smtp:Host is set, e.g. \"Billing <billing@example.com>\".")
            .Validate(o => string.IsNullOrWhiteSpace(o.From) || MailAddresses.TryParse(o.From, out _),
                "Smtp:From must be an email address, optionally with a display name: \"Billing <billing@example.com>\".")
            .Validate(o => string.IsNullOrEmpty(o.Username) || !string.IsNullOrEmpty(o.Password),
                "Smtp:Password is required when Smtp:Username is set.")
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromMinutes(10),
                "Smtp:Timeout must be between 1 second and 10 minutes.")
            .Validate(o => Enum.IsDefined(o.Security),
                "Smtp:Security must be None, StartTls, SslOnConnect or Auto.")
            .ValidateOnStart();
        services.AddSingleton<IAlertEmailSender, SmtpAlertEmailSender>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
