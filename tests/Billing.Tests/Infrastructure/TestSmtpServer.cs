using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in this process (the SmtpServer package) on <see cref="Host"/> and a free port, plain text, for
/// tests that send email. It keeps every accepted message, parsed with MimeKit. It can be told to refuse mail
/// (<see cref="RefuseMailFrom"/>, <see cref="RefuseData"/>), stopped so connections are refused (<see cref="StopAsync"/>)
/// and started again on the same port (<see cref="RestartAsync"/>). Start one per test:
/// <code>
/// await using var smtp = await TestSmtpServer.StartAsync();
/// // point Smtp:Host at smtp.Host and Smtp:Port at smtp.Port, send ...
/// var message = Assert.Single(await smtp.WaitForMessagesAsync(1));
/// </code>
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    /// <summary>The address the server listens on.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>How long <see cref="WaitForMessagesAsync"/> waits before it gives up.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<MimeMessage> _messages = [];
    private readonly List<string> _logins = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly NetworkCredential? _login;
    private SmtpResponse? _mailFromRefusal;
    private SmtpResponse? _dataRefusal;
    private Listening? _listening;

    private TestSmtpServer(NetworkCredential? login) => _login = login;

    /// <summary>The port the server listens on; it stays the same across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Every message the server accepted so far, in order (a snapshot; safe from any thread).</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_gate) return [.. _messages];
        }
    }

    /// <summary>User names that logged in successfully, one entry per login.</summary>
    public IReadOnlyList<string> Logins
    {
        get
        {
            lock (_gate) return [.. _logins];
        }
    }

    /// <summary>
    /// Starts a server on a free port. With <paramref name="username"/> and <paramref name="password"/> it offers
    /// AUTH PLAIN/LOGIN on the plain connection, accepts only that pair, and refuses mail (530) without a login.
    /// </summary>
    public static async Task<TestSmtpServer> StartAsync(string? username = null, string? password = null)
    {
        var server = new TestSmtpServer(username is null ? null : new NetworkCredential(username, password ?? ""));
        await server.ListenAsync(port: 0);
        return server;
    }

    /// <summary>
    /// Completes when at least <paramref name="count"/> messages have arrived and returns them all; throws
    /// <see cref="TimeoutException"/> after <see cref="WaitLimit"/> or when <paramref name="cancellationToken"/> ends first.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource reached;
        lock (_gate)
        {
            if (_messages.Count >= count) return [.. _messages];
            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(WaitLimit);
        try
        {
            await reached.Task.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"Expected {count} messages, the SMTP server received {Messages.Count}.");
        }

        return Messages;
    }

    /// <summary>From now on answer MAIL FROM with <paramref name="replyCode"/> (e.g. 451 or 554) and <paramref name="reason"/>.</summary>
    public void RefuseMailFrom(int replyCode, string reason)
    {
        lock (_gate) _mailFromRefusal = new SmtpResponse((SmtpReplyCode)replyCode, reason);
    }

    /// <summary>From now on read each message, then answer the end of DATA with <paramref name="replyCode"/> and <paramref name="reason"/> (the message is dropped).</summary>
    public void RefuseData(int replyCode, string reason)
    {
        lock (_gate) _dataRefusal = new SmtpResponse((SmtpReplyCode)replyCode, reason);
    }

    /// <summary>Undoes <see cref="RefuseMailFrom"/> and <see cref="RefuseData"/>.</summary>
    public void AcceptMail()
    {
        lock (_gate) (_mailFromRefusal, _dataRefusal) = (null, null);
    }

    /// <summary>Stops listening and drops open sessions: connecting to <see cref="Port"/> is refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        var listening = Interlocked.Exchange(ref _listening, null);
        if (listening is null) return;
        await listening.Stop.CancelAsync();
        await listening.Run.WaitAsync(WaitLimit);
        listening.Stop.Dispose();
    }

    /// <summary>Listens again on the same <see cref="Port"/>, keeping the messages received so far.</summary>
    public Task RestartAsync() =>
        _listening is null ? ListenAsync(Port) : throw new InvalidOperationException("The SMTP server is already running.");

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(int port)
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (_login is not null) services.Add(new Authenticator(this));

        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp.local")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Parse(Host), port))
                .AllowUnsecureAuthentication(_login is not null)
                .AuthenticationRequired(_login is not null))
            .Build();
        var stop = new CancellationTokenSource();
        var run = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);

        // The listener is bound before the server accepts; a bind failure faults the run task instead.
        await Task.WhenAny(started.Task, run).WaitAsync(WaitLimit);
        if (!started.Task.IsCompleted) await run;
        Port = await started.Task;
        _listening = new Listening(run, stop);
    }

    private void Received(MimeMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Count <= _messages.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private SmtpResponse? Refusal(bool atData)
    {
        lock (_gate) return atData ? _dataRefusal : _mailFromRefusal;
    }

    private sealed record Listening(Task Run, CancellationTokenSource Stop);

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server.Refusal(atData: true) is { } refusal) return refusal;
            using var stream = new MemoryStream(buffer.ToArray());
            server.Received(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            server.Refusal(atData: false) is { } refusal ? throw new SmtpResponseException(refusal) : Task.FromResult(true);
    }

    private sealed class Authenticator(TestSmtpServer server) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            var login = server._login!;
            var ok = user == login.UserName && password == login.Password;
            if (ok)
            {
                lock (server._gate) server._logins.Add(user);
            }

            return Task.FromResult(ok);
        }
    }
}
