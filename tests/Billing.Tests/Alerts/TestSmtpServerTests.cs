using System.Net.Sockets;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Alerts;

/// <summary>The test SMTP server itself, so other test classes can rely on it.</summary>
public sealed class TestSmtpServerTests
{
    [Fact]
    public async Task A_waiter_started_before_the_message_completes_when_it_arrives()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var waiting = smtp.WaitForMessagesAsync(1, TestContext.Current.CancellationToken);

        await SmtpSenders.Create(SmtpSenders.OptionsFor(smtp.Port)).SendAsync([AlertEmails.Acme()], TestContext.Current.CancellationToken);

        Assert.Single(await waiting);
    }

    [Fact]
    public async Task Waiting_for_messages_that_never_come_ends_with_a_timeout()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => smtp.WaitForMessagesAsync(1, cancelled.Token));

        Assert.Contains("received 0", failure.Message);
    }

    [Fact]
    public async Task Stopped_server_refuses_connections_and_restarts_on_the_same_port()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var port = smtp.Port;

        await smtp.StopAsync();
        var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(port));
        await smtp.RestartAsync();

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal(port, smtp.Port);
        Assert.StartsWith("220 ", await ConnectAsync(port));
    }

    private static async Task<string> ConnectAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(TestSmtpServer.Host, port, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync(TestContext.Current.CancellationToken) ?? "";
    }
}
