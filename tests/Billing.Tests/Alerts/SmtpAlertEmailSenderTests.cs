using System.Net;
using System.Net.Sockets;
using Billing.Functions.Alerts;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Alerts;

public sealed class SmtpAlertEmailSenderTests
{
    [Fact]
    public async Task Sent_email_arrives_with_recipients_subject_message_id_from_and_date()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        await sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal(["owner@acme.example", "finance@acme.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Budget alert: team:acme \"daily\" at 80% (8.00 of 10.00 USD)", message.Subject);
        Assert.Equal("alert=3Ateam=3Aacme=3Adaily=3A80=3A2026-11-22@billing.local", message.MessageId);
        Assert.Equal("billing@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Billing", message.From.Mailboxes.Single().Name);
        Assert.Equal(AlertEmails.Now, message.Date);
    }

    [Fact]
    public async Task Sent_email_has_the_figures_in_the_text_and_the_html_part()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        await sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken);

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("8.00 USD", body);
            Assert.Contains("10.00 USD", body);
            Assert.Contains("80.0%", body);
            Assert.Contains("2026-11-23 00:00 Europe/Berlin", body);
            Assert.Contains("gpt-4o", body);
            Assert.Contains("0.0042", body);
        }
    }

    [Fact]
    public async Task A_batch_arrives_in_order_and_the_count_is_logged()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var logs = new LogCapture();
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port), logs);
        var second = AlertEmails.Acme() with { Subject = "team:beta", MessageId = "second" };

        await sender.SendAsync([AlertEmails.Acme(), second], TestContext.Current.CancellationToken);

        var messages = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(["alert=3Ateam=3Aacme=3Adaily=3A80=3A2026-11-22@billing.local", "second@billing.local"], messages.Select(m => m.MessageId));
        var sent = Assert.Single(logs.Records, r => r.EventId.Id == 3001);
        Assert.Equal(2, sent.Values["Sent"]);
    }

    [Fact]
    public async Task Empty_batch_does_not_connect()
    {
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(port: ClosedPort()));

        await sender.SendAsync([], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Server_refusing_the_sender_with_451_is_a_transient_failure_with_the_reason()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseMailFrom(451, "try again later");
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.Equal(451, failure.SmtpStatusCode);
        Assert.True(failure.IsTransient);
        Assert.Equal(0, failure.SentCount);
        Assert.Contains("answered MAIL FROM with 451 try again later", failure.Message);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Server_refusing_the_message_with_554_is_a_permanent_failure()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseData(554, "rejected as spam");
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.Equal(554, failure.SmtpStatusCode);
        Assert.False(failure.IsTransient);
        Assert.Contains("rejected as spam", failure.Message);
    }

    [Fact]
    public async Task Server_down_is_a_transient_failure_and_a_retry_after_restart_delivers()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await smtp.StopAsync();
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port));

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));
        await smtp.RestartAsync();
        await sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken);

        Assert.True(failure.IsTransient);
        Assert.Null(failure.SmtpStatusCode);
        Assert.Contains("ConnectionRefused", failure.Message);
        Assert.Single(await smtp.WaitForMessagesAsync(1));
    }

    [Fact]
    public async Task Server_that_never_answers_times_out_as_a_transient_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = SmtpSenders.OptionsFor(((IPEndPoint)silent.LocalEndpoint).Port);
        options.Timeout = TimeSpan.FromSeconds(1);
        var sender = SmtpSenders.Create(options);

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task Cancelled_send_is_a_cancellation_not_a_delivery_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var sender = SmtpSenders.Create(SmtpSenders.OptionsFor(((IPEndPoint)silent.LocalEndpoint).Port));
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync([AlertEmails.Acme()], cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task StartTls_against_a_server_without_it_is_a_permanent_failure()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var options = SmtpSenders.OptionsFor(smtp.Port);
        options.Security = SmtpSecurity.StartTls;
        var sender = SmtpSenders.Create(options);

        var failure = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken));

        Assert.False(failure.IsTransient);
        Assert.Contains("STARTTLS", failure.Message);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
