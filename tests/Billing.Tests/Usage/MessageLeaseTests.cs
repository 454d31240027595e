using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Usage;

/// <summary>
/// A receive that outlasts its visibility timeout must not come back to another consumer while it is applied: the
/// lease extends each held message every half timeout and deletes with the newest pop receipt; a message another
/// consumer took anyway is let go. Real queues on Azurite; the lease's clock is fake, so nothing waits.
/// </summary>
public sealed class MessageLeaseTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(10);

    private async Task<QueueClient> QueueWithAsync(int messages, HttpPipelinePolicy? policy = null)
    {
        var options = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06);
        if (policy is not null) options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        var queue = new QueueClient(azurite.ConnectionString, TestNames.Queue(), options);
        await queue.CreateAsync();
        for (var i = 0; i < messages; i++) await queue.SendMessageAsync($"message {i}");
        return queue;
    }

    [Fact]
    public async Task Renewal_replaces_each_pop_receipt_so_only_the_new_one_deletes()
    {
        var queue = await QueueWithAsync(2);
        var received = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
        var lease = MessageLease.Start(queue, received, Visibility, new FakeTimeProvider(Now), NullLogger.Instance, null, default);

        await lease.RenewAsync();
        await lease.DisposeAsync();

        for (var i = 0; i < received.Length; i++)
        {
            Assert.NotEqual(received[i].PopReceipt, lease.ReceiptOf(i));
            var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received[i].MessageId, received[i].PopReceipt));
            Assert.True(MessageLease.IsTakenByAnother(stale), stale.ErrorCode);
            await queue.DeleteMessageAsync(received[i].MessageId, lease.ReceiptOf(i));
        }
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Half_a_visibility_timeout_on_the_clock_renews_every_held_message()
    {
        var queue = await QueueWithAsync(3);
        var received = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
        var time = new FakeTimeProvider(Now);
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lease = MessageLease.Start(queue, received, Visibility, time, NullLogger.Instance, () => renewed.TrySetResult(), default);

        time.Advance(Visibility / 2);
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await lease.DisposeAsync();

        Assert.All(Enumerable.Range(0, received.Length), i => Assert.NotEqual(received[i].PopReceipt, lease.ReceiptOf(i)));
    }

    [Fact]
    public async Task A_message_another_consumer_took_is_let_go_and_the_others_are_kept()
    {
        var queue = await QueueWithAsync(2);
        var received = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
        var lease = MessageLease.Start(queue, received, Visibility, new FakeTimeProvider(Now), NullLogger.Instance, null, default);
        // Its visibility ran out and another consumer received it: its receipt here is stale.
        var taken = received.Single(m => m.MessageText == "message 0");
        await queue.UpdateMessageAsync(taken.MessageId, taken.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var other = (await queue.ReceiveMessageAsync(Visibility)).Value;

        await lease.RenewAsync();
        await lease.DisposeAsync();

        var takenIndex = Array.IndexOf(received, taken);
        Assert.Null(lease.ReceiptOf(takenIndex));
        Assert.NotNull(lease.ReceiptOf(1 - takenIndex));
        await queue.DeleteMessageAsync(other.MessageId, other.PopReceipt); // the other consumer's receipt still works
    }

    [Fact]
    public async Task A_renewal_that_fails_keeps_the_receipts_ends_nothing_and_is_tried_again_after_a_quarter_of_the_wait()
    {
        var outage = new FailUpdates();
        var queue = await QueueWithAsync(2, outage);
        var received = (await queue.ReceiveMessagesAsync(32, Visibility)).Value;
        outage.Failing = true;
        var time = new FakeTimeProvider(Now);
        var rounds = System.Threading.Channels.Channel.CreateUnbounded<int>();
        var round = 0;
        var lease = MessageLease.Start(queue, received, Visibility, time, NullLogger.Instance, () => rounds.Writer.TryWrite(++round), default);

        time.Advance(Visibility / 2);
        Assert.Equal(1, await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.All(Enumerable.Range(0, received.Length), i => Assert.Equal(received[i].PopReceipt, lease.ReceiptOf(i)));
        outage.Failing = false;
        time.Advance(Visibility / 8);
        Assert.Equal(2, await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        await lease.DisposeAsync(); // does not throw

        Assert.Equal(2, outage.Failed);
        Assert.All(Enumerable.Range(0, received.Length), i => Assert.NotEqual(received[i].PopReceipt, lease.ReceiptOf(i)));
    }

    [Fact]
    public async Task A_long_receive_is_renewed_while_it_is_applied_and_deleted_with_the_new_receipt()
    {
        var hold = new HoldFirstBatch();
        await using var app = new BillingApp(azurite, Now, new() { ["UsageQueue:VisibilityTimeout"] = "00:10:00" },
            services => services.AddSingleton(hold.Options()));
        var client = new BillingClient(app);
        await (await client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        var worker = app.Services.GetRequiredService<UsageQueueWorker>();
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.LeaseRenewed += () => renewed.TrySetResult();

        var poll = worker.PollOnceAsync(default);
        await hold.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        hold.Release();
        Assert.Equal(1, await poll);

        Assert.Equal(0, (await app.UsageQueue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // invisible ones count too
        Assert.Equal(1, (await client.AccountAsync("team:team-acme")).GetProperty("lifetime").GetProperty("requests").GetInt64());
    }

    /// <summary>While <see cref="Failing"/>, every message update fails as the SDK does when its retries ran out.</summary>
    private sealed class FailUpdates : HttpPipelinePolicy
    {
        private int _failed;

        public volatile bool Failing;

        public int Failed => _failed;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The lease's calls are asynchronous.");

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Failing || message.Request.Method != RequestMethod.Put) return ProcessNextAsync(message, pipeline);
            Interlocked.Increment(ref _failed);
            throw new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused"), new RequestFailedException(0, "Connection refused"));
        }
    }

    /// <summary>Holds the app's first table transaction until <see cref="Release"/>: a receive that takes as long as the test says.</summary>
    private sealed class HoldFirstBatch : AsyncTablePolicy
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _batches;

        public Task Entered => _entered.Task;

        public void Release() => _release.TrySetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref _batches) == 1)
            {
                _entered.TrySetResult();
                await _release.Task;
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
