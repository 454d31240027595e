using System.Globalization;

namespace Billing.Functions.Hosting;

public static class HostingExtensions
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Kestrel's minimum request body rate (its default, stated here so it is a decision): below it after <see cref="BodyGracePeriod"/>, 408.</summary>
    public const double MinBodyBytesPerSecond = 240;

    public static readonly TimeSpan BodyGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Picks the host: with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, listen on 127.0.0.1 at that port for the
    /// Functions host and size queue messages for Service Bus; otherwise standalone (storage must be configured:
    /// <c>./run.sh</c> starts a local Azurite and passes its connection string).
    /// </summary>
    public static HostingMode AddBillingHosting(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o =>
        {
            // A client that stalls (slow loris) is cut off instead of holding a connection: a body must keep up
            // 240 bytes/s after a 5 s grace (408 problem naming body), headers must arrive within 15 s.
            o.Limits.MinRequestBodyDataRate = new(MinBodyBytesPerSecond, BodyGracePeriod);
            o.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        });
        var port = builder.Configuration[CustomHandlerPortSetting];
        if (string.IsNullOrEmpty(port)) return HostingMode.Standalone;

        builder.WebHost.UseUrls($"http://127.0.0.1:{int.Parse(port, CultureInfo.InvariantCulture)}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:MaxMessageBytes"] = builder.Configuration["Webhook:MaxMessageBytes"] ?? (192 * 1024).ToString(CultureInfo.InvariantCulture),
        });
        return HostingMode.CustomHandler;
    }
}
