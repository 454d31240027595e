using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Billing.Tests.Infrastructure;

/// <summary>Typed calls to the three APIs with the right keys, for end-to-end tests.</summary>
public sealed class BillingClient(BillingApp app)
{
    private readonly HttpClient _ingest = app.ClientWithKey(TestKeys.Ingest);
    private readonly HttpClient _check = app.ClientWithKey(TestKeys.Check);
    private readonly HttpClient _admin = app.ClientWithKey(TestKeys.Admin);

    public Task<HttpResponseMessage> PostUsageAsync(string body) =>
        _ingest.PostAsync("/api/usage", new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> CheckAsync(object request) => _check.PostAsJsonAsync("/api/check", request);

    public Task<HttpResponseMessage> PutAccountAsync(string subject, object account, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, AccountPath(subject)) { Content = JsonContent.Create(account) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _admin.SendAsync(request);
    }

    public Task<HttpResponseMessage> AdminPostAsync(string path) => _admin.PostAsync(path, content: null);

    /// <summary>Runs a timer now, as an operator would, and returns its summary.</summary>
    public async Task<JsonElement> RunTimerAsync(string name) =>
        await (await _admin.PostAsync($"/api/timers/{name}/run", content: null)).AssertJsonAsync(System.Net.HttpStatusCode.OK);

    public Task<HttpResponseMessage> GetAccountAsync(string subject) => _admin.GetAsync(AccountPath(subject));

    public async Task<JsonElement> AccountAsync(string subject)
    {
        var response = await GetAccountAsync(subject);
        return await response.AssertJsonAsync(System.Net.HttpStatusCode.OK);
    }

    /// <summary><c>GET …/{subject}/usage</c> with <paramref name="query"/> (<c>?from=…</c>, or empty).</summary>
    public Task<HttpResponseMessage> GetUsageAsync(string subject, string query = "") => _admin.GetAsync(AccountPath(subject) + "/usage" + query);

    public async Task<JsonElement> UsageAsync(string subject, string query = "") =>
        await (await GetUsageAsync(subject, query)).AssertJsonAsync(System.Net.HttpStatusCode.OK);

    /// <summary><c>GET …/{subject}/events</c> with <paramref name="query"/> (<c>?limit=…</c>, or empty).</summary>
    public Task<HttpResponseMessage> GetEventsAsync(string subject, string query = "") => _admin.GetAsync(AccountPath(subject) + "/events" + query);

    /// <summary><c>GET /api/accounts</c> with <paramref name="query"/> (<c>?prefix=…</c>, or empty).</summary>
    public Task<HttpResponseMessage> ListAccountsAsync(string query = "") => _admin.GetAsync("/api/accounts" + query);

    /// <summary>The id part is percent-encoded, so <c>/ \ # ?</c> survive the URL.</summary>
    public static string AccountPath(string subject)
    {
        var colon = subject.IndexOf(':');
        return "/api/accounts/" + subject[..(colon + 1)] + Uri.EscapeDataString(subject[(colon + 1)..]);
    }
}
