using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Domain.Usage;
using Billing.Functions.Usage;
using Samples = Billing.Tests.Infrastructure.Samples;

namespace Billing.Tests.Usage;

/// <summary>
/// Builds one LiteLLM <c>StandardLoggingPayload</c> element from a shared sample, changed field by field
/// (paths like <c>metadata.user_api_key_hash</c>, values as JSON text), and normalises it as the webhook does.
/// </summary>
public sealed class PayloadBuilder
{
    private readonly JsonObject _payload;

    private PayloadBuilder(JsonObject payload) => _payload = payload;

    /// <summary>Sample 01: a successful gpt-4o call attributed to a key hash and <c>team-acme</c>.</summary>
    public static PayloadBuilder ChatSuccess() => FromSample("01-chat-success.json");

    public static PayloadBuilder FromSample(string file, int index = 0) =>
        new(JsonNode.Parse(Samples.Read(file))!.AsArray()[index]!.AsObject().DeepClone().AsObject());

    /// <summary>Sets a field to a JSON value, creating parent objects as needed: <c>Set("startTime", "1795169702.999")</c>.</summary>
    public PayloadBuilder Set(string path, string json)
    {
        var (parent, name) = Walk(path);
        parent[name] = JsonNode.Parse(json);
        return this;
    }

    public PayloadBuilder SetString(string path, string value) => Set(path, JsonSerializer.Serialize(value, Json.Options));

    public PayloadBuilder Remove(string path)
    {
        var (parent, name) = Walk(path);
        parent.Remove(name);
        return this;
    }

    /// <summary>Clears every attribution field: the key hash, user, team, org and both end-user fields.</summary>
    public PayloadBuilder WithoutSubjects() => Set("end_user", "\"\"")
        .Set("metadata.user_api_key_hash", "null").Set("metadata.user_api_key_user_id", "null")
        .Set("metadata.user_api_key_team_id", "null").Set("metadata.user_api_key_org_id", "null")
        .Set("metadata.user_api_key_end_user_id", "null");

    public string ToJson() => _payload.ToJsonString(Json.Options);

    public UsageEvent Normalize() => Normalizing.Json(ToJson());

    public PayloadFieldException Rejected() => Normalizing.Rejects(ToJson());

    private (JsonObject Parent, string Name) Walk(string path)
    {
        var parts = path.Split('.');
        var node = _payload;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child) node[part] = child = new JsonObject();
            node = child;
        }
        return (node, parts[^1]);
    }

    private static class Json
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Default);
    }
}
