using System.Text.Json.Nodes;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Deploy;

/// <summary>
/// A Functions app folder: host.json at the root and one <c>&lt;Name&gt;/function.json</c> per function. By default the
/// copy the test project gets in <c>bin/.../Deploy/</c>; with <c>BILLING_PACKAGE_DIR</c> set (CI, after
/// <c>scripts/package.sh</c>) the built package, which then must also hold the executable.
/// </summary>
public sealed class FunctionPackage
{
    public const string PackageDirVariable = "BILLING_PACKAGE_DIR";

    private FunctionPackage(string root, bool isBuiltPackage, JsonObject host, IReadOnlyList<FunctionFolder> functions)
    {
        Root = root;
        IsBuiltPackage = isBuiltPackage;
        Host = host;
        Functions = functions;
    }

    public string Root { get; }

    /// <summary>True for a folder made by the package script (<see cref="PackageDirVariable"/>).</summary>
    public bool IsBuiltPackage { get; }

    public JsonObject Host { get; }

    public IReadOnlyList<FunctionFolder> Functions { get; }

    public string HostJsonText => File.ReadAllText(Path.Combine(Root, "host.json"));

    /// <summary>The prefix of every HTTP trigger route (<c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public string RoutePrefix => Host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";

    public bool ForwardsHttpOnlyFunctions => Host["customHandler"]?["enableForwardingHttpRequest"]?.GetValue<bool>() ?? false;

    public string? ExecutablePath => Host["customHandler"]?["description"]?["defaultExecutablePath"]?.GetValue<string>();

    public static FunctionPackage Load()
    {
        var configured = Environment.GetEnvironmentVariable(PackageDirVariable);
        var root = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "Deploy") : Resolve(configured);
        if (!File.Exists(Path.Combine(root, "host.json")))
            throw new InvalidOperationException($"No host.json in {root} (set {PackageDirVariable} to a package folder, or build the test project).");

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!.AsObject();
        var functions = Directory.EnumerateDirectories(root)
            .Where(dir => File.Exists(Path.Combine(dir, "function.json")))
            .Select(FunctionFolder.Read)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new FunctionPackage(root, !string.IsNullOrWhiteSpace(configured), host, functions);
    }

    /// <summary>A relative <see cref="PackageDirVariable"/> is taken from the current directory, else the repository root.</summary>
    private static string Resolve(string configured)
    {
        var fromCurrent = Path.GetFullPath(configured);
        if (Path.IsPathRooted(configured) || Directory.Exists(fromCurrent)) return fromCurrent;
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory);
        return root is null ? fromCurrent : Path.GetFullPath(Path.Combine(root, configured));
    }
}
