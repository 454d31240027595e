using System.Globalization;
using System.Text.Json.Nodes;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Fault;

/// <summary>generic_api bodies (JSON arrays of StandardLoggingPayload) built from the shared attribution sample, with the fault run's ids, subjects, costs and times.</summary>
public static class FaultBodies
{
    private static readonly Lazy<JsonNode> Template = new(() =>
    {
        var element = JsonNode.Parse(Samples.Read("06-attribution-team-user-org-enduser.json"))!.AsArray()[0]!;
        element.AsObject().Remove("model_map_information");
        return element;
    });

    public static string Of(IEnumerable<FaultEvent> events)
    {
        var batch = new JsonArray();
        foreach (var e in events) batch.Add(Element(e));
        return batch.ToJsonString();
    }

    private static JsonNode Element(FaultEvent e)
    {
        var element = Template.Value.DeepClone();
        var start = e.StartedAt.ToUnixTimeMilliseconds() / 1000m;
        element["id"] = e.Id;
        element["litellm_call_id"] = e.Id;
        element["model"] = "openai/" + e.Model;
        element["model_group"] = e.Model;
        element["response_cost"] = JsonValue.Create(e.Cost);
        element["prompt_tokens"] = e.PromptTokens;
        element["completion_tokens"] = e.CompletionTokens;
        element["total_tokens"] = e.PromptTokens + e.CompletionTokens;
        element["startTime"] = JsonValue.Create(start);
        element["endTime"] = JsonValue.Create(start + 1.5m);
        element["completionStartTime"] = JsonValue.Create(start + 1.5m);
        element["end_user"] = null;
        var metadata = element["metadata"]!;
        metadata["user_api_key_hash"] = null;
        metadata["user_api_key_end_user_id"] = null;
        metadata["user_api_key_user_id"] = e.User;
        metadata["user_api_key_team_id"] = e.Team;
        metadata["user_api_key_org_id"] = e.Org;
        var usage = metadata["usage_object"]!;
        usage["prompt_tokens"] = e.PromptTokens;
        usage["completion_tokens"] = e.CompletionTokens;
        usage["total_tokens"] = e.PromptTokens + e.CompletionTokens;
        return element;
    }

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
