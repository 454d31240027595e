using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Domain.Usage;
using Billing.Functions.Usage;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// Realistic generic_api bodies: the shared LiteLLM samples (full message bodies, cost breakdowns, model maps)
/// repeated, each copy with its own call id, the current time, and the attribution the scenario asks for.
/// </summary>
public sealed class LiteLlmBodies
{
    private static readonly string[] Templates =
    [
        "01-chat-success.json", "02-chat-streaming.json", "04-embedding.json",
        "05-failure-rate-limit.json", "06-attribution-team-user-org-enduser.json", "08-reasoning-and-cached-prompt-tokens.json",
    ];

    private readonly JsonNode[] _elements;

    private LiteLlmBodies(JsonNode[] elements) => _elements = elements;

    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static LiteLlmBodies Load() =>
        new(Templates.Select(t => JsonNode.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, t)))!.AsArray()[0]!).ToArray());

    /// <summary>A JSON array of <paramref name="count"/> events with ids <c>{run}-{first + i}</c>.</summary>
    public byte[] Batch(string run, int first, int count, Func<int, Attribution> attribution)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m;
        var batch = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var element = _elements[n % _elements.Length].DeepClone();
            element["id"] = $"{run}-{n}";
            element["startTime"] = now;
            var who = attribution(n);
            var metadata = element["metadata"]!.AsObject();
            metadata["user_api_key_hash"] = who.Key;
            metadata["user_api_key_user_id"] = who.User;
            metadata["user_api_key_team_id"] = who.Team;
            metadata["user_api_key_org_id"] = who.Org;
            metadata["user_api_key_end_user_id"] = who.EndUser;
            element["end_user"] = who.EndUser;
            batch.Add(element);
        }
        return System.Text.Encoding.UTF8.GetBytes(batch.ToJsonString());
    }

    /// <summary>What the app should make of a body: every element normalised, as the webhook does.</summary>
    public static List<UsageEvent> Expected(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.EnumerateArray().Select(LiteLlmNormalizer.Normalize).ToList();
    }
}
