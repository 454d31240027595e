using System.Net;
using Azure.Data.Tables;
using Billing.Functions.Hosting;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Billing.Tests.Hosting.HostPayloads;

namespace Billing.Tests.Hosting;

/// <summary>
/// The UsageIngest function as the host invokes it for a Service Bus message: 2xx completes the message, anything
/// else abandons it for redelivery. Messages are the <c>Outputs.usage</c> strings UsageWebhook produced.
/// </summary>
public sealed class UsageIngestInvocationTests(AzuriteFixture azurite)
{
    private const string Function = FunctionNames.UsageIngest;
    private const string Sample = "06-attribution-team-user-org-enduser.json";
    private const string Team = "team:team-acme-support";
    private const decimal SampleCost = 0.00025395m;

    [Fact]
    public async Task Host_encoded_message_is_applied_and_completed()
    {
        var logs = new LogCapture();
        await using var app = CustomHandlerHost.Start(azurite);
        using var host = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Information)));
        var client = host.CreateClient();
        var message = Assert.Single(await client.WebhookMessagesAsync(Samples.Read(Sample)));

        var response = await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, BodyEncoding.HostString, "8c1f0e6a2b7d4c0f9a51d0b7c2e3f411", 1, CustomHandlerHost.Now));

        var answer = await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Empty(answer.Outputs.EnumerateObject());
        Assert.Single(answer.Logs);
        var applied = Assert.Single(logs.Records, r => r.Category == typeof(UsageIngestHandler).FullName && r.EventId.Id == 1002);
        Assert.Equal("8c1f0e6a2b7d4c0f9a51d0b7c2e3f411", applied.Values["MessageId"]);
        await AssertTeamSpentAsync(host.CreateClient(), SampleCost, requests: 1);
    }

    [Fact]
    public async Task Redelivered_message_is_not_counted_twice()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();
        var message = Assert.Single(await client.WebhookMessagesAsync(Samples.Read(Sample)));
        await (await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, BodyEncoding.HostString, "m-1", 1, CustomHandlerHost.Now)))
            .AssertInvocationResultAsync(HttpStatusCode.OK);

        var redelivery = await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, BodyEncoding.HostString, "m-1", 2, CustomHandlerHost.Now));

        var answer = await redelivery.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Empty(answer.Outputs.EnumerateObject());
        Assert.Single(answer.Logs);
        await AssertTeamSpentAsync(client, SampleCost, requests: 1);
    }

    [Theory]
    [InlineData(BodyEncoding.SinglyEncoded)]
    [InlineData(BodyEncoding.Binary)]
    public async Task Message_is_applied_whatever_the_body_encoding(BodyEncoding encoding)
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = app.CreateClient();
        var message = Assert.Single(await client.WebhookMessagesAsync(Samples.Read(Sample)));

        var response = await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, encoding, "m-1", 1, CustomHandlerHost.Now));

        await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        await AssertTeamSpentAsync(client, SampleCost, requests: 1);
    }

    [Theory]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"v\":2,\"events\":[]}")]
    [InlineData("not json at all")]
    [InlineData("test")]
    public async Task Poison_message_is_completed_and_kept_verbatim_in_quarantine(string body)
    {
        await using var app = CustomHandlerHost.Start(azurite);

        var response = await app.CreateClient().InvokeAsync(Function, ServiceBusTrigger(Function, body, BodyEncoding.HostString, "m-poison", 1, CustomHandlerHost.Now));

        var answer = await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Empty(answer.Outputs.EnumerateObject());
        Assert.Contains("poison", Assert.Single(answer.Logs), StringComparison.OrdinalIgnoreCase);
        var rows = await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("ingest", row.GetString("Source"));
        Assert.False(string.IsNullOrEmpty(row.GetString("Reason")));
        Assert.Equal(body, QuarantineStore.ReadRaw(row));
    }

    [Fact]
    public async Task Message_delivered_more_than_the_limit_gets_a_last_attempt_as_in_standalone()
    {
        await using var app = CustomHandlerHost.Start(azurite, new() { ["UsageQueue:MaxDequeueCount"] = "3" });
        var client = app.CreateClient();
        var message = Assert.Single(await client.WebhookMessagesAsync(Samples.Read(Sample)));

        var response = await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, BodyEncoding.HostString, "m-1", 4, CustomHandlerHost.Now));

        // Not poison, only redelivered often (e.g. slower than its lock): applied and completed, nothing quarantined.
        await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Empty(await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task Storage_outage_fails_the_invocation_so_Service_Bus_redelivers()
    {
        await using var app = CustomHandlerHost.Start(azurite, new() { ["Storage:ConnectionString"] = UnreachableTables(azurite.ConnectionString) });
        // One quick retry instead of the SDK's exponential back-off, to keep the test fast; the outcome is the same.
        using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(new TableClientOptions
        {
            Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(1), Mode = Azure.Core.RetryMode.Fixed },
        })));
        var client = host.CreateClient();
        var message = Assert.Single(await client.WebhookMessagesAsync(Samples.Read(Sample)));

        var response = await client.InvokeAsync(Function, ServiceBusTrigger(Function, message, BodyEncoding.HostString, "m-1", 3, CustomHandlerHost.Now));

        var answer = await response.AssertInvocationResultAsync(HttpStatusCode.InternalServerError);
        Assert.Empty(answer.Outputs.EnumerateObject());
        Assert.Contains("delivery 3", Assert.Single(answer.Logs), StringComparison.Ordinal);
    }

    private static async Task AssertTeamSpentAsync(HttpClient client, decimal spent, long requests)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/" + Team);
        request.Headers.Authorization = new("Bearer", TestKeys.Admin);
        var account = await (await client.SendAsync(request)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(spent, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(requests, account.GetProperty("lifetime").GetProperty("requests").GetInt64());
        Assert.Equal(spent, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    /// <summary>The Azurite connection string with its table endpoint moved to a port nobody listens on.</summary>
    private static string UnreachableTables(string connectionString)
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return System.Text.RegularExpressions.Regex.Replace(connectionString, @"TableEndpoint=http://127\.0\.0\.1:\d+/", $"TableEndpoint=http://127.0.0.1:{port}/");
    }
}
