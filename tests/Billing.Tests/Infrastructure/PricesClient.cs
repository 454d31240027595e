using System.Net.Http.Json;
using System.Text;

namespace Billing.Tests.Infrastructure;

/// <summary>The price book API with the admin key; model names are percent-encoded unless a raw path is given.</summary>
public sealed class PricesClient(BillingApp app)
{
    private readonly HttpClient _admin = app.ClientWithKey(TestKeys.Admin);

    public Task<HttpResponseMessage> PutAsync(string model, object body) => _admin.PutAsJsonAsync(Path(model), body);

    public Task<HttpResponseMessage> PutRawAsync(string path, string body) =>
        _admin.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string model) => _admin.GetAsync(Path(model));

    public Task<HttpResponseMessage> GetRawAsync(string path) => _admin.GetAsync(path);

    public Task<HttpResponseMessage> ListAsync() => _admin.GetAsync("/api/prices");

    /// <summary>Sets a price and asserts the 200.</summary>
    public async Task SetAsync(string model, decimal input, decimal output, decimal? cached = null, decimal? reasoning = null) =>
        await (await PutAsync(model, new
        {
            input_per_million = input,
            output_per_million = output,
            cached_input_per_million = cached,
            reasoning_per_million = reasoning,
        })).AssertJsonAsync(System.Net.HttpStatusCode.OK);

    public static string Path(string model) => "/api/prices/" + Uri.EscapeDataString(model);
}
