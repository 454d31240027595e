using System.CommandLine;
using Billing.Cli.Commands;

namespace Billing.Cli;

/// <summary>
/// <c>billing</c>, the operators' CLI. <see cref="RunAsync"/> is the whole program: Program.cs passes the console and
/// the real environment; tests pass writers, the app's in-process handler and their own environment and clock.
/// </summary>
public static class BillingCli
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var host = new CommandHost(stdout, stderr, handler, environment, time ?? TimeProvider.System);
        var root = Root(host);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync($"billing: {Named(error)}");
            await stderr.WriteLineAsync($"Run '{string.Join(' ', CommandPath(parse))} --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException e)
        {
            if (e.Problem is { } problem && host.Json) await stdout.WriteLineAsync(Output.JsonText.Indented(problem));
            await stderr.WriteLineAsync($"billing: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What is left is an answer of a shape this CLI does not expect (JsonElement throws InvalidOperationException,
            // KeyNotFoundException or FormatException) or a bug: one line, never a stack trace, never the key.
            var what = e is InvalidOperationException or KeyNotFoundException or FormatException
                ? "the service's answer is not what this CLI expects (check --url / BILLING_URL, and that the CLI matches the service's version)"
                : "failed";
            await stderr.WriteLineAsync($"billing: {what}: {host.Redact(e.Message)}");
            return ExitCodes.Problem;
        }
    }

    private static RootCommand Root(CommandHost host)
    {
        var root = new RootCommand($"""
            billing: the operators' CLI for the Billing service. It talks to the HTTP API, so it works against a local
            instance and a deployed one alike.

            Environment: BILLING_URL (default {DefaultUrl}) and BILLING_ADMIN_KEY, overridden by --url and --key.
            --json prints the API's JSON answer and nothing else (one document; lists merge every page).

            {ExitCodes.Help}
            """);
        foreach (var option in host.Globals.All) root.Options.Add(option);
        root.Subcommands.Add(AccountsCommand.Create(host));
        root.Subcommands.Add(StatsCommand.Create(host));
        root.Subcommands.Add(TailCommand.Create(host));
        root.Subcommands.Add(TrackCommand.Create(host));
        root.Subcommands.Add(CreditsCommand.Create(host));
        root.Subcommands.Add(PricesCommand.Create(host));
        root.Subcommands.Add(TimersCommand.Create(host));
        root.Subcommands.Add(QuarantineCommand.Create(host));
        root.Subcommands.Add(ReconcileCommand.Create(host));
        root.Subcommands.Add(DashboardLinkCommand.Create(host));
        return root;
    }

    /// <summary>The parser's message, prefixed with the option or argument it is about when it does not name it.</summary>
    private static string Named(System.CommandLine.Parsing.ParseError error)
    {
        var name = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult option => option.Option.Name,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult option } => option.Option.Name,
            System.CommandLine.Parsing.ArgumentResult argument => argument.Argument.Name,
            _ => null,
        };
        return name is null || error.Message.Contains(name, StringComparison.Ordinal) ? error.Message : $"{name}: {error.Message}";
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command is RootCommand ? "billing" : result.Command.Name);
        return names;
    }
}
