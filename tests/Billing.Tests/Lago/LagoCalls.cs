using System.Net.Http.Headers;
using System.Text;
using Billing.Tests.Infrastructure.Lago;

namespace Billing.Tests.Lago;

/// <summary>Plain HTTP calls to a <see cref="LagoStandIn"/>, with hand-written JSON so a test can send what the spec forbids.</summary>
internal static class LagoCalls
{
    public const string Key = "test-lago-key";

    /// <summary>A client on the stand-in's <see cref="LagoStandIn.ApiUrl"/> sending <paramref name="key"/> as bearer (none when null).</summary>
    public static HttpClient Client(LagoStandIn lago, string? key = Key, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(lago.ApiUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static Task<HttpResponseMessage> PostBatchAsync(this HttpClient client, params string[] events) =>
        client.PostAsync("/api/v1/events/batch", new StringContent($$"""{"events":[{{string.Join(",", events)}}]}""", Encoding.UTF8, "application/json"));

    /// <summary>One event as JSON; <paramref name="timestamp"/> is JSON text (a string needs its quotes).</summary>
    public static string Event(string transactionId, string subscription = "sub_app-42", string timestamp = "\"1716200000.123\"") =>
        $$"""
        {"transaction_id":"{{transactionId}}","external_subscription_id":"{{subscription}}","code":"llm_usage","timestamp":{{timestamp}},
         "properties":{"model":"gpt-4o","input_tokens":"1200","cost_usd_micros":"6250"},"precise_total_amount_cents":"0.625"}
        """;
}
