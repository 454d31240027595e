using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.Functions.Lago;

public static class LagoClientExtensions
{
    /// <summary>
    /// Binds <see cref="LagoOptions"/> from <c>Lago</c>, validated at start-up, and registers <see cref="LagoClient"/> as
    /// a typed <see cref="HttpClient"/> (one pooled <see cref="SocketsHttpHandler"/>, so holding the client in a singleton
    /// is fine; no retry handler: the sync owns what a failure means). The client sets its base address and bearer key
    /// itself.
    /// With no <c>Lago:ApiUrl</c> the sync is off: check <see cref="LagoOptions.IsConfigured"/> before asking for the client.
    /// </summary>
    public static IServiceCollection AddLagoClient(this IServiceCollection services)
    {
        services.AddOptions<LagoOptions>()
            .BindConfiguration(LagoOptions.SectionName)
            .Validate(o => !o.IsConfigured || IsHttpUrl(o.ApiUrl!),
                "Lago:ApiUrl must be an absolute http(s) URL without /api/v1, e.g. https://api.getlago.com.")
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.ApiKey),
                "Lago:ApiKey is required when Lago:ApiUrl is set.")
            .Validate(o => o.RequestTimeout >= TimeSpan.FromSeconds(1) && o.RequestTimeout <= TimeSpan.FromMinutes(10),
                "Lago:RequestTimeout must be between 1 second and 10 minutes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<LagoClient>()
            // Connections are recycled by the pool, not by rotating handlers, so a LagoClient held by a singleton
            // still follows DNS changes.
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's logging handlers redact header values only in the message text: at Trace level their
            // structured state holds the raw Authorization header. Log requests without headers instead.
            .RemoveAllLoggers()
            .AddLogger<LagoHttpLogger>();
        services.TryAddSingleton<LagoHttpLogger>();
        return services;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
