using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Health;

public sealed class HealthTests(AzuriteFixture azurite) : AppTest(azurite)
{
    [Fact]
    public async Task Live_answers_healthy_to_any_key()
    {
        const string path = "/health/live";
        foreach (var key in new[] { TestKeys.Ingest, TestKeys.Check, TestKeys.CheckRotated, TestKeys.Admin })
        {
            var response = await App.ClientWithKey(key).GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_needs_a_key(string path)
    {
        using var anonymous = App.CreateClient();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var wrong = await App.ClientWithKey("not-a-key-of-this-service").GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Another_check_name_is_a_404_problem()
    {
        var response = await App.ClientWithKey(TestKeys.Admin).GetAsync("/health/startup");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("check", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_checks_storage_and_options()
    {
        const string path = "/health/ready";
        var response = await App.ClientWithKey(TestKeys.Check).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("options").GetProperty("status").GetString());
    }
}

/// <summary>Storage that does not answer (a closed port): ready is 503 within <c>Health:Timeout</c>, live stays 200.</summary>
public sealed class HealthWithoutStorageTests(AzuriteFixture azurite) : AppTest(azurite, new()
{
    ["Storage:ConnectionString"] = UnreachableStorage,
    ["Health:Timeout"] = "00:00:01",
})
{
    private const string UnreachableStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    [Fact]
    public async Task Ready_is_503_naming_storage_while_live_stays_up()
    {
        var client = App.ClientWithKey(TestKeys.Admin);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        var storage = body.RootElement.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.DoesNotContain("AccountKey", body.RootElement.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
