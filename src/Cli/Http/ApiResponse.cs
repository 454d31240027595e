using System.Net;
using System.Text.Json;

namespace Billing.Cli.Http;

/// <summary>A 2xx answer (or one the caller accepted): its status, JSON body (<c>Undefined</c> when empty) and ETag.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, string? ETag)
{
    public bool Is(HttpStatusCode status) => Status == status;
}
