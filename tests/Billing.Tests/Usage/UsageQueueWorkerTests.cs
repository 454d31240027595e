using System.Net;
using Azure.Data.Tables;
using System.Text;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Microsoft.Extensions.DependencyInjection;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Usage;

public sealed class UsageQueueWorkerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Message_that_can_never_succeed_is_quarantined_at_once()
    {
        await using var app = new BillingApp(azurite, Now);
        await app.UsageQueue.SendAsync(["{\"v\":99,\"events\":[]}"], default);

        await app.DrainUsageQueueAsync();

        Assert.Empty((await app.UsageQueue.Queue.PeekMessagesAsync(10)).Value);
        var row = Assert.Single(await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal("{\"v\":99,\"events\":[]}", QuarantineStore.ReadRaw(row));
        Assert.Equal("ingest", row.GetString("Source"));
    }

    [Fact]
    public async Task A_message_past_the_delivery_limit_gets_a_last_attempt_and_is_applied_if_it_can_be()
    {
        // Came back that often without being poison (a receive outlasted its visibility timeout): the fault run saw it.
        await using var app = new BillingApp(azurite, Now, new() { ["UsageQueue:MaxDequeueCount"] = "2" });
        var client = new BillingClient(app);
        await (await client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        for (var delivery = 0; delivery < 2; delivery++)
        {
            // A consumer that crashed: received the message, never deleted it; it becomes visible again.
            var received = (await app.UsageQueue.Queue.ReceiveMessageAsync()).Value;
            await app.UsageQueue.Queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        await app.DrainUsageQueueAsync();

        Assert.Empty((await app.UsageQueue.Queue.PeekMessagesAsync(10)).Value);
        Assert.Empty(await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(1, (await client.AccountAsync("team:team-acme")).GetProperty("lifetime").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_message_past_the_delivery_limit_whose_last_attempt_fails_is_quarantined_with_the_reason()
    {
        var ledgerDown = new FailFirstBatch(times: int.MaxValue);
        await using var app = new BillingApp(azurite, Now, new() { ["UsageQueue:MaxDequeueCount"] = "2" }, services => services.AddSingleton(ledgerDown.Options()));
        var body = Encoding.UTF8.GetBytes(UsageMessageCodec.Pack([new UsageEventBuilder().Build()], 48 * 1024).Single());
        var handler = app.Services.GetRequiredService<UsageIngestHandler>();

        var report = await handler.HandleAsync([new UsageQueueMessage("m-1", body, DeliveryCount: 3)], default);

        Assert.Equal(IngestDisposition.Quarantined, report[0]);
        var row = Assert.Single(await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync());
        Assert.Contains("delivered 3 times", row.GetString("Reason"));
    }

    [Fact]
    public async Task A_poison_message_in_a_receive_does_not_sink_the_good_ones()
    {
        await using var app = new BillingApp(azurite, Now);
        var client = new BillingClient(app);
        await (await client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await app.UsageQueue.SendAsync(["{\"v\":1,\"events\":[null]}"], default);

        await app.DrainUsageQueueAsync();

        Assert.Empty((await app.UsageQueue.Queue.PeekMessagesAsync(10)).Value);
        Assert.Single(await app.Tables.Quarantine.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(1, (await client.AccountAsync("team:team-acme")).GetProperty("lifetime").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_512_event_batch_costs_a_handful_of_queue_messages()
    {
        await using var app = new BillingApp(azurite, Now);
        var client = new BillingClient(app);
        var body = LiteLlmBatch.Of(512);

        var result = await (await client.PostUsageAsync(body)).AssertJsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(512, result.GetProperty("accepted").GetInt32());
        var properties = (await app.UsageQueue.Queue.GetPropertiesAsync()).Value;
        Assert.InRange(properties.ApproximateMessagesCount, 1, 8);
        await app.DrainUsageQueueAsync();
        var key = await client.AccountAsync("key:" + EndToEnd.SampleLedgerTests.KeyHash);
        Assert.Equal(512, key.GetProperty("lifetime").GetProperty("requests").GetInt64());
    }
}
