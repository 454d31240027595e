using System.Text.Json.Nodes;

namespace Billing.Tests.Deploy;

/// <summary>
/// The public side of an <c>httpTrigger</c> binding: route prefix plus <c>route</c> (the function name when absent)
/// and its <c>methods</c> (null: any method).
/// </summary>
public sealed record HttpTrigger(string Function, string PublicRoute, IReadOnlySet<string>? Methods)
{
    public static HttpTrigger Of(FunctionFolder function, FunctionBinding trigger, string routePrefix)
    {
        var route = trigger.Text("route") ?? function.Name;
        var path = "/" + string.Join("/", new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));
        var methods = (trigger.Json["methods"] as JsonArray)?.Select(m => m!.GetValue<string>().ToUpperInvariant()).ToHashSet();
        return new HttpTrigger(function.Name, path, methods);
    }

    /// <summary>Null when the app serves this route with the same methods, else what differs.</summary>
    public string? MismatchWith(IReadOnlyList<ServedRoute> routes)
    {
        var pattern = ServedRoute.Normalize(PublicRoute);
        var matching = routes.Where(r => r.Pattern == pattern).ToList();
        if (matching.Count == 0) return $"{Function}: {PublicRoute} ({pattern}) is not served";
        if (Methods is null || matching.Any(r => r.Methods is null)) return null;

        var served = matching.SelectMany(r => r.Methods!).ToHashSet();
        return served.SetEquals(Methods)
            ? null
            : $"{Function}: {PublicRoute} allows {string.Join(",", Methods.Order())} but the app serves {string.Join(",", served.Order())}";
    }
}
