using System.Net.Http.Headers;
using System.Text;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Billing.Tests.Guardrail;

/// <summary>Posts guardrail bodies as LiteLLM does: <c>api_key</c> as <c>x-api-key</c>, or <c>headers</c> with a Bearer key.</summary>
public sealed class GuardrailClient(WebApplicationFactory<Program> app)
{
    public const string Path = "/api/litellm/beta/litellm_basic_guardrail_api";

    private readonly HttpClient _client = app.CreateClient();

    /// <summary>With the check key as <c>x-api-key</c>.</summary>
    public Task<HttpResponseMessage> PostAsync(GuardrailBody body) => PostAsync(body.ToString(), apiKey: TestKeys.Check);

    public Task<HttpResponseMessage> PostAsync(string body, string? apiKey = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (apiKey is not null) request.Headers.Add("x-api-key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return _client.SendAsync(request);
    }

    /// <summary>Posts with the check key and returns the answer's exact text, asserting a 200 JSON answer.</summary>
    public async Task<string> AnswerAsync(GuardrailBody body)
    {
        var response = await PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return text;
    }
}
