namespace Billing.Functions.Hosting;

public enum HostingMode
{
    /// <summary>Local development and containers: HTTP served directly, Storage Queue, in-process worker.</summary>
    Standalone,

    /// <summary>Azure Functions custom handler: the host invokes us on 127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
    CustomHandler,
}
