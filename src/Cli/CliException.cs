using System.Text.Json;

namespace Billing.Cli;

/// <summary>Ends a command with an exit code and a message for stderr (never the key); a problem answer keeps its JSON.</summary>
internal sealed class CliException(int exitCode, string message, JsonElement? problem = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The API's problem body, printed to stdout under <c>--json</c>.</summary>
    public JsonElement? Problem { get; } = problem;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Unreachable(string message) => new(ExitCodes.Unreachable, message);
}
