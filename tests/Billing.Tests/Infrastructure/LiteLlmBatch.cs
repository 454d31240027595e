using System.Text.Json.Nodes;

namespace Billing.Tests.Infrastructure;

/// <summary>Realistic generic_api batches: the shared samples repeated, each copy with its own call id.</summary>
public static class LiteLlmBatch
{
    private static readonly string[] Templates =
    [
        "01-chat-success.json", "02-chat-streaming.json", "04-embedding.json",
        "05-failure-rate-limit.json", "06-attribution-team-user-org-enduser.json", "08-reasoning-and-cached-prompt-tokens.json",
    ];

    public static string Of(int count)
    {
        var elements = Templates.Select(t => JsonNode.Parse(Samples.Read(t))!.AsArray()[0]!).ToArray();
        var batch = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var element = elements[i % elements.Length]!.DeepClone();
            element["id"] = $"batch-{i}-{Guid.NewGuid():N}";
            batch.Add(element);
        }
        return batch.ToJsonString();
    }
}
