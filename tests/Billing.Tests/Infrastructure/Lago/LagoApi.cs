using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// The stand-in's Lago API, behind Prism: injected 500/429 first (as a gateway would), then the bearer key, then
/// <c>POST /api/v1/events/batch</c>, <c>GET /api/v1/wallets</c> and <c>GET /api/v1/wallets/{lago_id}</c>. Any other
/// path is answered 404 <c>not_implemented_by_stand_in</c> (not 501: Prism would then mock an answer from the spec).
/// </summary>
internal sealed class LagoApi(string apiKey, LagoEventStore events, LagoWalletStore wallets)
{
    private const string Prefix = "/api/v1";

    public async Task HandleAsync(HttpContext context, LagoFault? fault)
    {
        var (request, response, cancellationToken) = (context.Request, context.Response, context.RequestAborted);
        if (fault?.Kind == LagoFaultKind.ServerError)
        {
            await LagoJson.WriteAsync(response, 500, LagoJson.Error(500, "Internal Server Error"), cancellationToken);
            return;
        }

        if (fault?.Kind == LagoFaultKind.TooManyRequests)
        {
            response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-RateLimit-Limit"] = "50";
            response.Headers["X-RateLimit-Remaining"] = "0";
            response.Headers["X-RateLimit-Reset"] = fault.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            await LagoJson.WriteAsync(response, 429, LagoJson.Error(429, "Too Many Requests"), cancellationToken);
            return;
        }

        // Lago reads the second word of the header as the key (lago-api:app/controllers/api/base_controller.rb).
        var words = request.Headers.Authorization.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not [var scheme, var key] || !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || key != apiKey)
        {
            await LagoJson.WriteAsync(response, 401, LagoJson.Error(401, "Unauthorized"), cancellationToken);
            return;
        }

        var path = request.Path.Value ?? "";
        var (status, body) = (request.Method, path) switch
        {
            ("POST", Prefix + "/events/batch") => events.AcceptBatch(await ReadJsonAsync(request, cancellationToken)),
            ("GET", Prefix + "/wallets") => wallets.List(request.Query["external_customer_id"].FirstOrDefault(), Int(request, "page"), Int(request, "per_page")),
            ("GET", _) when path.StartsWith(Prefix + "/wallets/", StringComparison.Ordinal) && path.Count(c => c == '/') == 4 =>
                wallets.Get(path[(Prefix.Length + "/wallets/".Length)..]),
            _ => (404, LagoJson.Error(404, "Not Found", "not_implemented_by_stand_in")),
        };
        await LagoJson.WriteAsync(response, status, body, cancellationToken);
    }

    private static int? Int(HttpRequest request, string name) => int.TryParse(request.Query[name].FirstOrDefault(), out var value) ? value : null;

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // Undefined: answered 400 like a missing "events".
        }
    }
}
