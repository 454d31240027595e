using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Bench.Infrastructure;
using Billing.Bench.Report;

namespace Billing.Bench.Scenarios;

/// <summary>
/// How stale a cached check can be, measured: prime the check caches of the ingesting instance and of a second
/// instance on the same tables, post one event, and poll both checks until they show the spend. The ingesting
/// instance refreshes its cache when it commits; the other one only when its 1 s entry expires.
/// </summary>
public sealed class FreshnessProbe(BenchStorage storage, BenchOptions options, BenchReport report)
{
    private static readonly byte[] Unspent = "\"spent\":0,"u8.ToArray();

    public async Task RunAsync(BenchApp ingesting, LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        await using var other = new BenchApp(storage, new() { ["Storage:TablePrefix"] = ingesting.TablePrefix });
        other.StartServer();
        using var connections = new ConnectionSet(ingesting.Endpoint);
        var post = await connections.OpenAsync(cancellationToken);
        var same = await connections.OpenAsync(cancellationToken);
        using var otherConnections = new ConnectionSet(other.Endpoint);
        var far = await otherConnections.OpenAsync(cancellationToken);

        var sameMs = new List<double>();
        var otherMs = new List<double>();
        for (var sample = 0; sample < (options.Smoke ? 2 : 8); sample++)
        {
            var key = $"fresh-{sample}-{Guid.NewGuid():N}";
            var check = CheckRequest(key);
            if (await same.SendAsync(check, cancellationToken) != 200 || await far.SendAsync(check, cancellationToken) != 200)
            {
                report.Problems.Add("Freshness: the priming check failed.");
                return;
            }
            var body = bodies.Batch(key, 0, 1, _ => new Attribution(key));
            var clock = Stopwatch.StartNew();
            if (await post.SendAsync(RawHttpConnection.Request("POST", "/api/usage", BenchKeys.Ingest, body), cancellationToken) != 202)
            {
                report.Problems.Add("Freshness: the post was not accepted.");
                return;
            }
            var seen = await Task.WhenAll(SeenAsync(same, check, clock, cancellationToken), SeenAsync(far, check, clock, cancellationToken));
            sameMs.Add(seen[0]);
            otherMs.Add(seen[1]);
        }
        if (sameMs.Concat(otherMs).Any(double.IsNaN)) report.Problems.Add("Freshness: a check never showed the posted spend within 10 s.");
        report.Notes.Add($"Freshness, cache on (1 s window), {sameMs.Count} samples of one posted event: the ingesting instance's check showed the spend after "
            + $"p50 {Median(sameMs):0} ms (max {sameMs.Max():0} ms); another instance's check after p50 {Median(otherMs):0} ms (max {otherMs.Max():0} ms).");
    }

    private static async Task<double> SeenAsync(RawHttpConnection connection, byte[] check, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await connection.SendAsync(check, cancellationToken) == 200 && connection.Body.IndexOf(Unspent) < 0) return clock.Elapsed.TotalMilliseconds;
            await Task.Delay(5, cancellationToken);
        }
        return double.NaN;
    }

    private static byte[] CheckRequest(string key)
    {
        var body = new JsonObject { ["subjects"] = new JsonObject { ["key"] = key }, ["estimated_cost"] = 0.01m };
        return RawHttpConnection.Request("POST", "/api/check", BenchKeys.Check, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
