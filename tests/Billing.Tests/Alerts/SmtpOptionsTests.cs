using Billing.Functions.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Alerts;

public sealed class SmtpOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddAlertEmail();
        return services.BuildServiceProvider();
    }

    /// <summary>What the host runs at start-up for every ValidateOnStart option.</summary>
    private static string StartUpFailure(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return failure is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(e => e.Message)) : failure.Message;
    }

    [Fact]
    public void No_host_means_email_is_not_configured_and_start_up_succeeds()
    {
        using var services = Services([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.False(services.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured);
    }

    [Fact]
    public void Every_setting_binds_from_the_Smtp_section()
    {
        using var services = Services(new()
        {
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:Port"] = "587",
            ["Smtp:Security"] = "StartTls",
            ["Smtp:Username"] = "alerts",
            ["Smtp:Password"] = "secret",
            ["Smtp:From"] = "Billing <billing@example.com>",
            ["Smtp:Timeout"] = "00:00:05",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.True(smtp.IsConfigured);
        Assert.Equal(("smtp.example.com", 587, SmtpSecurity.StartTls), (smtp.Host, smtp.Port, smtp.Security));
        Assert.Equal(("alerts", "secret", "Billing <billing@example.com>"), (smtp.Username, smtp.Password, smtp.From));
        Assert.Equal(TimeSpan.FromSeconds(5), smtp.Timeout);
        Assert.IsType<SmtpAlertEmailSender>(services.GetRequiredService<IAlertEmailSender>());
    }

    [Fact]
    public void Defaults_are_port_25_auto_security_and_30_seconds()
    {
        var smtp = new SmtpOptions();

        Assert.Equal((25, SmtpSecurity.Auto, TimeSpan.FromSeconds(30)), (smtp.Port, smtp.Security, smtp.Timeout));
    }

    [Fact]
    public void Host_without_From_fails_at_start_up_naming_Smtp_From()
    {
        Assert.Contains("Smtp:From", StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com" }));
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("Billing <billing>")]
    [InlineData("not an address at all")]
    public void From_that_is_not_an_address_fails_at_start_up_naming_Smtp_From(string from)
    {
        Assert.Contains("Smtp:From", StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = from }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-25")]
    public void Port_out_of_range_fails_at_start_up_naming_Smtp_Port(string port)
    {
        var failure = StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = "billing@example.com", ["Smtp:Port"] = port });

        Assert.Contains("Smtp:Port", failure);
    }

    [Fact]
    public void Username_without_password_fails_at_start_up_naming_Smtp_Password()
    {
        var failure = StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = "billing@example.com", ["Smtp:Username"] = "alerts" });

        Assert.Contains("Smtp:Password", failure);
    }

    [Fact]
    public void Validation_failure_never_shows_the_password()
    {
        var failure = StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "0", ["Smtp:Password"] = "hunter2-secret" });

        Assert.DoesNotContain("hunter2-secret", failure);
    }

    [Fact]
    public void Timeout_out_of_range_fails_at_start_up_naming_Smtp_Timeout()
    {
        var failure = StartUpFailure(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = "billing@example.com", ["Smtp:Timeout"] = "00:00:00" });

        Assert.Contains("Smtp:Timeout", failure);
    }
}
