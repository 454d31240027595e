using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Bench.Infrastructure;
using Billing.Domain.Subjects;
using Billing.Functions.Usage;

namespace Billing.Bench.Scenarios;

/// <summary>
/// The subjects the check scenarios ask about: 64 attribution tuples (key, user, team of 8, one org, end user), each
/// subject with an account and a monthly budget, and ledger rows written by a real webhook post and ingest.
/// </summary>
public static class SeededSubjects
{
    public const int Count = 64;

    public static Attribution Of(int i) =>
        new($"bench-key-{i}", $"bench-user-{i}", $"bench-team-{i % 8}", "bench-org", $"bench-end-user-{i}");

    /// <summary>The first <paramref name="count"/> subjects of tuple <paramref name="i"/> (1 = the key only, 5 = all).</summary>
    public static SubjectId[] Subjects(int i, int count)
    {
        var a = Of(i);
        SubjectId[] all =
        [
            new(SubjectKind.Key, a.Key!), new(SubjectKind.User, a.User!), new(SubjectKind.Team, a.Team!),
            new(SubjectKind.Org, a.Org!), new(SubjectKind.EndUser, a.EndUser!),
        ];
        return all[..count];
    }

    public static IReadOnlyList<SubjectId[]> All(int count) => Enumerable.Range(0, Count).Select(i => Subjects(i, count)).ToList();

    /// <summary>Encoded <c>POST /api/check</c> requests, one per tuple.</summary>
    public static byte[][] CheckRequests(int count) => Enumerable.Range(0, Count).Select(i =>
    {
        var subjects = new JsonObject();
        foreach (var s in Subjects(i, count)) subjects[SubjectKinds.Name(s.Kind)] = s.Id;
        var body = new JsonObject { ["subjects"] = subjects, ["model"] = "gpt-4o", ["estimated_cost"] = 0.02m };
        return RawHttpConnection.Request("POST", "/api/check", BenchKeys.Check, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }).ToArray();

    public static async Task SeedAsync(BenchApp app, LiteLlmBodies bodies, CancellationToken cancellationToken)
    {
        using var admin = app.ClientWithKey(BenchKeys.Admin);
        var account = """{"owners":["bench@example.com"],"budgets":[{"name":"monthly","period":"monthly","limit":1000}]}""";
        var subjects = Enumerable.Range(0, Count).SelectMany(i => Subjects(i, 5)).Distinct();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (subject, token) =>
        {
            using var content = new StringContent(account, Encoding.UTF8, "application/json");
            using var response = await admin.PutAsync("/api/accounts/" + subject, content, token);
            response.EnsureSuccessStatusCode();
        });

        using var ingest = app.ClientWithKey(BenchKeys.Ingest);
        using var batch = new ByteArrayContent(bodies.Batch("seed-" + Guid.NewGuid().ToString("N"), 0, Count, Of));
        batch.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var posted = await ingest.PostAsync("/api/usage", batch, cancellationToken);
        posted.EnsureSuccessStatusCode();
        await app.Get<UsageQueueWorker>().DrainAsync(cancellationToken);
    }
}
