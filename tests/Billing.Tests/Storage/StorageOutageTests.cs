using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Tests.Guardrail;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Storage;

/// <summary>
/// When Azure Storage does not answer, the API says 503 with <c>Retry-After</c>, not 500: LiteLLM's guardrail with
/// <c>unreachable_fallback: fail_open</c> lets calls through on 502/503/504 only, and clients retry a 503. A bug stays
/// a 500. The outage is a pipeline policy on the app's table client that fails every request once switched on.
/// </summary>
public sealed class StorageOutageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> NoCache = new() { ["Check:Cache:Window"] = "00:00:00" };

    private static async Task<JsonElement> AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(StorageFailures.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("Storage is unavailable", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("127.0.0.1", body); // the exception's text (addresses, request ids) is not sent
        return problem;
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("503")]
    [InlineData("timeout")]
    public async Task A_check_while_storage_is_down_is_a_503_with_retry_after(string failure)
    {
        var outage = new StorageOutage(failure);
        await using var app = new BillingApp(azurite, Now, NoCache, services => services.AddSingleton(outage.Options()));
        var check = app.ClientWithKey(TestKeys.Check);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(check)).StatusCode);

        outage.Down = true;
        var response = await CheckAsync(check);

        await AssertUnavailableAsync(response);
    }

    [Fact]
    public async Task The_guardrail_answers_503_so_litellm_can_fail_open()
    {
        var outage = new StorageOutage("refused");
        await using var app = new BillingApp(azurite, Now, NoCache, services => services.AddSingleton(outage.Options()));
        // A budget, so the guardrail's check reserves against it in storage.
        var put = await app.ClientWithKey(TestKeys.Admin).PutAsJsonAsync("/api/accounts/team%3Ateam_acme",
            new { budgets = new[] { new { name = "daily", period = "daily", limit = 100m, mode = "hard" } } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var guardrail = new GuardrailClient(app);
        await guardrail.AnswerAsync(GuardrailBody.Request());

        outage.Down = true;

        await AssertUnavailableAsync(await guardrail.PostAsync(GuardrailBody.Request()));
    }

    [Fact]
    public async Task An_admin_read_while_storage_is_down_is_a_503_and_works_again_after()
    {
        var outage = new StorageOutage("503");
        await using var app = new BillingApp(azurite, Now, NoCache, services => services.AddSingleton(outage.Options()));
        var admin = app.ClientWithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/accounts/team%3Aacme")).StatusCode);

        outage.Down = true;
        await AssertUnavailableAsync(await admin.GetAsync("/api/accounts/team%3Aacme"));
        outage.Down = false;

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/accounts/team%3Aacme")).StatusCode);
    }

    [Fact]
    public async Task A_failure_that_is_not_an_outage_stays_a_500()
    {
        var outage = new StorageOutage("bug");
        await using var app = new BillingApp(azurite, Now, NoCache, services => services.AddSingleton(outage.Options()));
        var check = app.ClientWithKey(TestKeys.Check);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(check)).StatusCode);

        outage.Down = true;
        var response = await CheckAsync(check);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void Storage_answers_that_mean_an_outage(int status, bool unavailable)
    {
        Assert.Equal(unavailable, StorageFailures.IsUnavailable(new RequestFailedException(status, "storage")));
        // The SDK's retries ran out: an AggregateException of every attempt's failure.
        Assert.Equal(unavailable, StorageFailures.IsUnavailable(new AggregateException(new RequestFailedException(status, "a"), new RequestFailedException(status, "b"))));
    }

    [Fact]
    public void Network_failures_are_outages_and_other_exceptions_are_not()
    {
        Assert.True(StorageFailures.IsUnavailable(new RequestFailedException(0, "refused", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))));
        Assert.True(StorageFailures.IsUnavailable(new HttpRequestException("reset")));
        Assert.True(StorageFailures.IsUnavailable(new IOException("broken pipe")));
        Assert.False(StorageFailures.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.False(StorageFailures.IsUnavailable(new AggregateException(new RequestFailedException(503, "down"), new InvalidOperationException("a bug"))));
        Assert.False(StorageFailures.IsUnavailable(new AggregateException()));
    }

    private static Task<HttpResponseMessage> CheckAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/check", new { subjects = new { team = "acme" }, estimated_cost = 0.01m });

    /// <summary>Fails every table request the way <paramref name="failure"/> says once <see cref="Down"/> is set; before the SDK's retries, so none are spent.</summary>
    private sealed class StorageOutage(string failure) : AsyncTablePolicy
    {
        public volatile bool Down;

        protected override int? MaxRetries => 0;

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Down) return ProcessNextAsync(message, pipeline);
            throw failure switch
            {
                "refused" => new RequestFailedException(0, "Connection refused (127.0.0.1:10002)",
                    new HttpRequestException("Connection refused (127.0.0.1:10002)", new SocketException((int)SocketError.ConnectionRefused))),
                "503" => new RequestFailedException(503, "Server Busy (127.0.0.1)", "ServerBusy", null),
                "timeout" => new RequestFailedException(0, "The operation was cancelled because it exceeded the configured timeout of 0:01:40 (127.0.0.1).",
                    new TaskCanceledException("timeout", new TimeoutException())),
                _ => new InvalidOperationException("A bug in the storage layer."),
            };
        }
    }
}
