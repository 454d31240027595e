using System.Text.Json.Nodes;

namespace Billing.Tests.Deploy;

/// <summary>One <c>&lt;Name&gt;/function.json</c>; the folder name is the function name the host uses.</summary>
public sealed record FunctionFolder(string Name, string Path, string Text, IReadOnlyList<FunctionBinding> Bindings)
{
    public static FunctionFolder Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, "function.json");
        var text = File.ReadAllText(path);
        var bindings = JsonNode.Parse(text)?["bindings"] as JsonArray ?? [];
        return new FunctionFolder(
            System.IO.Path.GetFileName(directory), path, text,
            bindings.Select(b => new FunctionBinding(b as JsonObject ?? [])).ToList());
    }

    public FunctionBinding? Trigger => Bindings.SingleOrDefault(b => b.IsTrigger);

    public IEnumerable<FunctionBinding> Outputs => Bindings.Where(b => b.Direction is "out" or "inout");

    /// <summary>
    /// One <c>httpTrigger</c> in and one <c>http</c> out and nothing else: the host forwards these as plain HTTP when
    /// <c>enableForwardingHttpRequest</c> is on (<c>FunctionMetadataExtensions.IsHttpInAndOutFunction</c>).
    /// </summary>
    public bool IsHttpOnly =>
        Bindings.Count == 2
        && Bindings.Count(b => b.Type == "httpTrigger" && b.Direction == "in") == 1
        && Bindings.Count(b => b.Type == "http" && b.Direction == "out") == 1;
}
