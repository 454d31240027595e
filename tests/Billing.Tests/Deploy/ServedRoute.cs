using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Deploy;

/// <summary>A route the app maps, normalized by <see cref="Normalize"/>, and its HTTP methods (null: any).</summary>
public sealed record ServedRoute(string Pattern, IReadOnlySet<string>? Methods)
{
    /// <summary>
    /// The routes the real Program maps in one hosting mode, read from its endpoint data source: custom-handler mode
    /// (what the Functions host calls) when <paramref name="customHandler"/>, else standalone (the same public API).
    /// </summary>
    public static async Task<IReadOnlyList<ServedRoute>> OfAppAsync(AzuriteFixture azurite, bool customHandler)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = TestNames.TablePrefix(),
            ["UsageQueue:Name"] = TestNames.Queue(),
            ["UsageQueue:Consumers"] = "0",
            ["Auth:IngestKey"] = TestKeys.Ingest,
            ["Auth:CheckKeys"] = TestKeys.Check,
            ["Auth:AdminKey"] = TestKeys.Admin,
            // TestServer opens no socket, so any port will do.
            [HostingExtensions.CustomHandlerPortSetting] = customHandler ? "7071" : null,
        };
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new ServedRoute(
                Normalize(e.RoutePattern),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => m.ToUpperInvariant()).ToHashSet()))
            .ToList();
    }

    /// <summary>
    /// A route template in one spelling for both sides: the host's (<c>accounts/{*subject}</c> under the route
    /// prefix) and ASP.NET Core's (<c>/api/accounts/{**subject}</c>). Literals are compared case-insensitively, as
    /// both routers do; parameter names, optional and catch-all markers must agree.
    /// </summary>
    public static string Normalize(string template) => Normalize(RoutePatternFactory.Parse(template));

    private static string Normalize(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart p => "{" + (p.IsCatchAll ? "*" : "") + p.Name + (p.IsOptional ? "?" : "") + "}",
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));

    public override string ToString() => $"{(Methods is null ? "ANY" : string.Join(",", Methods.Order()))} {Pattern}";
}
