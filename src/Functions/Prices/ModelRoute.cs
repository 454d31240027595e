using Microsoft.AspNetCore.Http.Features;

namespace Billing.Functions.Prices;

/// <summary>
/// Reads the <c>{model}</c> of <c>/api/prices/{model}</c> from the raw request target, percent-decoded, so a model
/// name keeps its <c>/</c> (sent as is or as <c>%2F</c>), <c>#</c>, <c>?</c> and <c>%</c>. Empty for <c>/api/prices</c>.
/// </summary>
internal static class ModelRoute
{
    public const string Prefix = "/api/prices/";

    public static string Read(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.PathBase + context.Request.Path.ToUriComponent();
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        var start = target.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        return start < 0 ? "" : Uri.UnescapeDataString(target[(start + Prefix.Length)..]);
    }
}
