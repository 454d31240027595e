using System.Net;
using System.Text.Json;
using Billing.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Infrastructure;

/// <summary>The quarantine API with the admin key, and the store to put rows in as the webhook and the ingest would.</summary>
public sealed class QuarantineClient(BillingApp app)
{
    private readonly HttpClient _admin = app.ClientWithKey(TestKeys.Admin);

    /// <summary>Saves one item at the app's current (fake) time and returns its id, read back from the list.</summary>
    public async Task<string> SaveAsync(string source, string raw, int? index = null, string reason = "quarantined by the test")
    {
        await app.Services.GetRequiredService<QuarantineStore>().SaveAsync([new QuarantinedItem(source, index, reason, raw)], CancellationToken.None);
        var now = app.Time.GetUtcNow();
        var page = await ListAsync($"?from={Uri.EscapeDataString(now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture))}");
        return page.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> GetListAsync(string query = "") => _admin.GetAsync("/api/quarantine" + query);

    public async Task<JsonElement> ListAsync(string query = "") => await (await GetListAsync(query)).AssertJsonAsync(HttpStatusCode.OK);

    public Task<HttpResponseMessage> GetAsync(string id) => _admin.GetAsync("/api/quarantine/" + id);

    public Task<HttpResponseMessage> ReplayAsync(string id) => _admin.PostAsync($"/api/quarantine/{id}/replay", content: null);

    public async Task<JsonElement> ReplayedAsync(string id) => await (await ReplayAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
}
