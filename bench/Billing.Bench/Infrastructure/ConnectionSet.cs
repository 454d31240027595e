using System.Collections.Concurrent;
using System.Net;

namespace Billing.Bench.Infrastructure;

/// <summary>Opens keep-alive connections to one server and closes them all when disposed.</summary>
public sealed class ConnectionSet(IPEndPoint endpoint) : IDisposable
{
    private readonly ConcurrentBag<RawHttpConnection> _open = [];

    public async Task<RawHttpConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await RawHttpConnection.OpenAsync(endpoint, cancellationToken);
        _open.Add(connection);
        return connection;
    }

    public void Dispose()
    {
        foreach (var connection in _open) connection.Dispose();
        _open.Clear();
    }
}
