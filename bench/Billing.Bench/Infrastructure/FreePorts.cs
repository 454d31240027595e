using System.Net;
using System.Net.Sockets;

namespace Billing.Bench.Infrastructure;

public static class FreePorts
{
    /// <summary>A 127.0.0.1 endpoint on a port the OS just reported free.</summary>
    public static IPEndPoint Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
