namespace Billing.Tests.Infrastructure;

/// <summary>The shared LiteLLM generic_api sample bodies (copied from shared/litellm-samples into TestData).</summary>
public static class Samples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "litellm-samples", name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    public static IEnumerable<string> All() =>
        Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "litellm-samples"), "*.json")
            .Select(System.IO.Path.GetFileName).Order()!;
}
