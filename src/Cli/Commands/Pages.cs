using System.Text.Json;
using Billing.Cli.Http;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>Follows <c>continuation</c> through a paged list (<c>{"&lt;items&gt;": [...], "continuation"}</c>).</summary>
internal static class Pages
{
    public static async Task<List<JsonElement>> AllAsync(ApiClient api, string path, string itemsName,
        IEnumerable<(string, string?)> parameters, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var page = await api.GetAsync(path + Paths.Query([.. parameters, ("continuation", continuation)]), cancellationToken);
            items.AddRange(page.Body.Get(itemsName).EnumerateArray());
            continuation = page.Body.Get("continuation") is { ValueKind: JsonValueKind.String } next ? next.GetString() : null;
        }
        while (continuation is not null);
        return items;
    }
}
