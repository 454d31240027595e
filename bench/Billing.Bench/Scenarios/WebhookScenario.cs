using System.Text.Json;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;
using Billing.Functions.Usage;
using Microsoft.Extensions.Options;

namespace Billing.Bench.Scenarios;

/// <summary>
/// <c>POST /api/usage</c> with a LiteLLM flush of 512 realistic events, until the 202: acknowledgement latency and
/// events per second, alternated with two baselines in this process: <c>JsonDocument.Parse</c> over the same bytes,
/// and sending the same queue messages straight to Azurite. The queue consumers are off, so only the acknowledgement
/// path (parse, normalise, pack, enqueue) is measured; the queue is emptied every second as consumers would.
/// It runs on an Azurite of its own: deleting thousands of 48 KiB messages leaves garbage that Azurite's queue GC
/// (every 60 s) sweeps with its event loop blocked for over 100 s, and its tables would stall with it.
/// </summary>
public sealed class WebhookScenario(BenchOptions options, BenchReport report)
{
    public async Task RunAsync(LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        await using var storage = await BenchStorage.StartAsync(cancellationToken);
        await using var app = new BenchApp(storage, new() { ["UsageQueue:Consumers"] = "0" });
        app.StartServer();
        var batch = options.WebhookBatch;
        var body = bodies.Batch("webhook-" + Guid.NewGuid().ToString("N"), 0, batch, SeededSubjects.Of);
        var request = RawHttpConnection.Request("POST", "/api/usage", BenchKeys.Ingest, body);
        var accepted = System.Text.Encoding.UTF8.GetBytes($"\"accepted\":{batch},");
        report.Notes.Add($"Webhook body: {batch} events, {body.Length / 1024.0 / 1024.0:0.00} MiB ({body.Length / batch:N0} bytes per event), built from 6 LiteLLM samples.");

        var messages = UsageMessageCodec.Pack(LiteLlmBodies.Expected(body), app.Get<IOptions<WebhookOptions>>().Value.MaxMessageBytes);
        report.Notes[^1] += $" It packs into {messages.Count} queue messages of up to {messages.Max(m => m.Length) / 1024.0:0.0} KiB.";

        await app.UsageQueue.EnsureCreatedAsync();
        using var drain = new CancellationTokenSource();
        var drainer = DrainAsync(app, drain.Token);
        foreach (var concurrency in new[] { 1, 4 })
        {
            using var connections = new ConnectionSet(app.Endpoint);
            var measured = await LoadRunner.AlternateAsync(options.Rounds, [
                () => LoadRunner.RunAsync(1, options.Warmup, options.Window, _ => ParseLoop(body), batch, cancellationToken),
                () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, _ => EnqueueLoop(app.UsageQueue, messages), batch, cancellationToken),
                () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, _ => PostLoopAsync(connections, request, accepted, cancellationToken), batch, cancellationToken),
            ]);
            var (parse, enqueue, post) = (measured[0], measured[1], measured[2]);
            var scenario = $"Webhook: {batch}-event LiteLLM batch until 202";
            report.Throughput.Add(new ThroughputRow(scenario, concurrency, "events/s", post, "JsonDocument.Parse of the same body, 1 thread", parse));
            report.Throughput.Add(new ThroughputRow(scenario, concurrency, "events/s", post, $"the same {messages.Count} queue messages sent straight to Azurite", enqueue));
            if (post.Errors > 0 || post.Operations == 0 || enqueue.Errors > 0)
                report.Problems.Add($"{scenario}, {concurrency} concurrent: {post.Errors} of {post.Operations} posts were not a 202 accepting all {batch} events.");
        }
        await drain.CancelAsync();
        await drainer;
    }

    /// <summary>Empties the queue every second, as the consumers would, so Azurite does not slow down holding it.</summary>
    private static async Task DrainAsync(BenchApp app, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(1000, cancellationToken);
                await app.UsageQueue.Queue.ClearMessagesAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            await app.UsageQueue.Queue.ClearMessagesAsync(CancellationToken.None);
        }
    }

    private static Task<LoadOperation> EnqueueLoop(StorageUsageQueue queue, List<string> messages)
    {
        LoadOperation send = async token =>
        {
            await queue.SendAsync(messages, token);
            return true;
        };
        return Task.FromResult(send);
    }

    private static Task<LoadOperation> ParseLoop(byte[] body)
    {
        LoadOperation parse = _ =>
        {
            using var document = JsonDocument.Parse(body);
            return ValueTask.FromResult(document.RootElement.GetArrayLength() > 0);
        };
        return Task.FromResult(parse);
    }

    private static async Task<LoadOperation> PostLoopAsync(ConnectionSet connections, byte[] request, byte[] accepted, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken);
        return async token => await connection.SendAsync(request, token) == 202 && connection.Body.IndexOf(accepted) >= 0;
    }
}
