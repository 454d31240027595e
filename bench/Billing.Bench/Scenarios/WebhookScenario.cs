using System.Text.Json;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>
/// <c>POST /api/usage</c> with a LiteLLM flush of 512 realistic events, until the 202: acknowledgement latency and
/// events per second, alternated with <c>JsonDocument.Parse</c> over the same bytes in this process. The queue
/// consumers are off, so only the acknowledgement path (parse, normalise, pack, enqueue) is measured.
/// </summary>
public sealed class WebhookScenario(BenchStorage storage, BenchOptions options, BenchReport report)
{
    public async Task RunAsync(LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        await using var app = new BenchApp(storage, new() { ["UsageQueue:Consumers"] = "0" });
        app.StartServer();
        var batch = options.WebhookBatch;
        var body = bodies.Batch("webhook-" + Guid.NewGuid().ToString("N"), 0, batch, SeededSubjects.Of);
        var request = RawHttpConnection.Request("POST", "/api/usage", BenchKeys.Ingest, body);
        var accepted = System.Text.Encoding.UTF8.GetBytes($"\"accepted\":{batch},");
        report.Notes.Add($"Webhook body: {batch} events, {body.Length / 1024.0 / 1024.0:0.00} MiB ({body.Length / batch:N0} bytes per event), built from 6 LiteLLM samples.");

        foreach (var concurrency in new[] { 1, 4 })
        {
            using var connections = new ConnectionSet(app.Endpoint);
            var (parse, post) = await LoadRunner.AlternateAsync(options.Rounds,
                () => LoadRunner.RunAsync(1, options.Warmup, options.Window, _ => ParseLoop(body), batch, cancellationToken),
                () => LoadRunner.RunAsync(concurrency, options.Warmup, options.Window, _ => PostLoopAsync(connections, request, accepted, cancellationToken), batch, cancellationToken));
            var scenario = $"Webhook: {batch}-event LiteLLM batch until 202";
            report.Throughput.Add(new ThroughputRow(scenario, concurrency, "events/s", post, "JsonDocument.Parse of the same body, 1 thread", parse));
            if (post.Errors > 0 || post.Operations == 0)
                report.Problems.Add($"{scenario}, {concurrency} concurrent: {post.Errors} of {post.Operations} posts were not a 202 accepting all {batch} events.");
            await app.UsageQueue.Queue.ClearMessagesAsync(cancellationToken);
        }
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
