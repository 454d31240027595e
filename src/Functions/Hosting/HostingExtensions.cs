using System.Globalization;

namespace Billing.Functions.Hosting;

public static class HostingExtensions
{
    public const string CustomHandlerPortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// Picks the host: with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, listen on 127.0.0.1 at that port for the
    /// Functions host and size queue messages for Service Bus; otherwise standalone (storage must be configured:
    /// <c>./run.sh</c> starts a local Azurite and passes its connection string).
    /// </summary>
    public static HostingMode AddBillingHosting(this WebApplicationBuilder builder)
    {
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
