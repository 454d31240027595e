using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.Tests.Cli;

/// <summary>What one <c>billing</c> run did: its exit code and everything it wrote to stdout and stderr.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout as one JSON document (what <c>--json</c> promises: parsing fails if anything else was printed).</summary>
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>Asserts that stdout is the same JSON as <paramref name="expected"/> (the API's own answer).</summary>
    public void AssertJsonEquals(string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Stdout), JsonNode.Parse(expected)), $"CLI printed:\n{Stdout}\nAPI answered:\n{expected}");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
