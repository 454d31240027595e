using System.Text.Json;
using Billing.Cli.Http;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli;

/// <summary>What a command needs: the API, where to write, whether to answer JSON, the clock and the progress display.</summary>
internal sealed class CliContext(ApiClient api, TextWriter stdout, TextWriter stderr, bool json, IAnsiConsole console, ProgressDisplay progress, TimeProvider time)
{
    public ApiClient Api { get; } = api;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary><c>--json</c>: stdout holds exactly one JSON document (the API's answer), nothing else.</summary>
    public bool Json { get; } = json;

    /// <summary>Tables and text for people, on stdout.</summary>
    public IAnsiConsole Console { get; } = console;

    public ProgressDisplay Progress { get; } = progress;

    public TimeProvider Time { get; } = time;

    public void WriteJson(JsonElement element) => Out.WriteLine(JsonText.Indented(element));

    public void WriteJson(Action<Utf8JsonWriter> write) => Out.WriteLine(JsonText.Indented(write));
}
