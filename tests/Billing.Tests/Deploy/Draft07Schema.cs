using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Billing.Tests.Deploy;

/// <summary>
/// Loads a JSON Schema so NJsonSchema evaluates it with draft-07 rules. NJsonSchema 11.6 ignores <c>const</c> (a
/// draft-06 keyword); function.schema.json declares draft-04 but uses <c>const</c> in its sql and mysql bindings, so
/// as written one branch of each matches any binding and every valid serviceBus/http/timer binding fails its
/// <c>oneOf</c> (shared/azure-functions/README.md). <c>{"const": x}</c> means exactly <c>{"enum": [x]}</c> in draft-07,
/// so the loader rewrites it, and refuses schemas that use any other keyword draft-04 lacks, because NJsonSchema
/// might skip those too. <see cref="Draft07SchemaTests"/> checks the result against cases evaluated with draft-07.
/// </summary>
public static class Draft07Schema
{
    /// <summary>Keywords added after draft-04 that a draft-04 evaluator could silently ignore.</summary>
    private static readonly string[] Unsupported = ["contains", "propertyNames", "if", "then", "else", "contentMediaType", "contentEncoding"];

    private static readonly string[] NameMaps = ["properties", "patternProperties", "definitions", "dependencies"];

    /// <summary>Keywords whose values are data, not schemas.</summary>
    private static readonly string[] DataKeywords = ["enum", "default", "examples"];

    public static Task<JsonSchema> LoadAsync(string path)
    {
        var schema = JsonNode.Parse(File.ReadAllText(path))!;
        Rewrite(schema, path, "#", keysAreNames: false);
        return JsonSchema.FromJsonAsync(schema.ToJsonString());
    }

    public static string TestDataPath(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "azure-functions", file);

    private static void Rewrite(JsonNode? node, string path, string pointer, bool keysAreNames)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!keysAreNames)
                {
                    if (Unsupported.FirstOrDefault(obj.ContainsKey) is { } keyword)
                        throw new NotSupportedException($"{path} uses '{keyword}' at {pointer}; check that NJsonSchema evaluates it before relying on it.");
                    foreach (var bound in new[] { "exclusiveMinimum", "exclusiveMaximum" })
                        if (obj[bound]?.GetValueKind() == JsonValueKind.Number)
                            throw new NotSupportedException($"{path} uses a numeric '{bound}' (draft-06) at {pointer}.");
                    if (obj.ContainsKey("const"))
                    {
                        if (obj.ContainsKey("enum")) throw new NotSupportedException($"{path} has both 'const' and 'enum' at {pointer}.");
                        var constant = obj["const"]?.DeepClone();
                        obj.Remove("const");
                        obj["enum"] = new JsonArray(constant);
                    }
                }
                // Under "properties", "definitions" and the like the keys are names and each value is a schema.
                foreach (var (key, child) in obj.ToList())
                {
                    if (!keysAreNames && DataKeywords.Contains(key)) continue;
                    Rewrite(child, path, pointer + "/" + key, keysAreNames: !keysAreNames && NameMaps.Contains(key));
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Rewrite(array[i], path, pointer + "/" + i, keysAreNames: false);
                break;
        }
    }
}
