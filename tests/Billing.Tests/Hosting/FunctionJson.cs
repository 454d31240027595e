using System.Text.Json;

namespace Billing.Tests.Hosting;

/// <summary>The deployed <c>functions/{name}/function.json</c> files (copied next to the tests under <c>Deploy/</c>).</summary>
public static class FunctionJson
{
    public sealed record Binding(string Name, string Type, string Direction);

    public static IReadOnlyList<Binding> Bindings(string function)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Deploy", function, "function.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("bindings").EnumerateArray()
            .Select(b => new Binding(b.GetProperty("name").GetString()!, b.GetProperty("type").GetString()!, b.GetProperty("direction").GetString()!))
            .ToList();
    }

    /// <summary>The name the host uses as the key of the trigger value in <c>Data</c>.</summary>
    public static string TriggerName(string function) => Bindings(function).Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)).Name;

    /// <summary>The names the host looks up in <c>Outputs</c>, case-sensitively.</summary>
    public static IReadOnlyList<string> OutputNames(string function) => Bindings(function).Where(b => b.Direction == "out").Select(b => b.Name).ToList();
}
