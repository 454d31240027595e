using Billing.Functions.Alerts;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Alerts;

public sealed class SmtpAuthenticationTests
{
    private const string Password = "s3cret-Pa55word-never-logged";

    [Fact]
    public async Task Sender_logs_in_when_a_username_is_set()
    {
        await using var smtp = await TestSmtpServer.StartAsync("alerts", Password);
        var options = SmtpSenders.OptionsFor(smtp.Port);
        (options.Username, options.Password) = ("alerts", Password);

        await SmtpSenders.Create(options).SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken);

        Assert.Equal(["alerts"], smtp.Logins);
        Assert.Single(await smtp.WaitForMessagesAsync(1));
    }

    [Fact]
    public async Task Server_requiring_a_login_refuses_a_sender_without_one()
    {
        await using var smtp = await TestSmtpServer.StartAsync("alerts", Password);
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.Equal(530, failure.SmtpStatusCode);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task Wrong_password_is_a_permanent_failure_that_never_shows_the_password()
    {
        await using var smtp = await TestSmtpServer.StartAsync("alerts", "the-right-one-0123456789");
        var options = SmtpSenders.OptionsFor(smtp.Port);
        (options.Username, options.Password) = ("alerts", Password);
        var logs = new LogCapture();

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => SmtpSenders.Create(options, logs).SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.False(failure.IsTransient);
        Assert.Contains("login refused", failure.Message);
        Assert.DoesNotContain(Password, failure.ToString());
        var logged = Assert.Single(logs.Records, r => r.EventId.Id == 3002);
        Assert.DoesNotContain(logged.Values.Values, v => v?.ToString()?.Contains(Password) == true);
        Assert.Empty(smtp.Logins);
    }
}
