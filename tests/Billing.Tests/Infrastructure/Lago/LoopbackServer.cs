using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// A bare Kestrel on 127.0.0.1 running one request delegate: no configuration sources, no logging, no routing, so it
/// starts in milliseconds and reads nothing from the environment.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, int port) => (_app, Port) = (app, port);

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>Listens on <paramref name="port"/> (0: a free one) and serves <paramref name="handler"/>.</summary>
    public static async Task<LoopbackServer> StartAsync(int port, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new LoopbackServer(app, new Uri(app.Urls.Single()).Port);
    }

    /// <summary>Stops listening and resets the open connections at once, without waiting for requests in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
    }
}
