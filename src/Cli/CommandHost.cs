using System.CommandLine;
using Billing.Cli.Http;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli;

/// <summary>Builds each command's <see cref="CliContext"/> from the global options and the environment, and runs its body.</summary>
internal sealed class CommandHost(TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler,
    IReadOnlyDictionary<string, string?>? environment, TimeProvider time)
{
    private string? _key;

    public GlobalOptions Globals { get; } = new();

    /// <summary>Set once a command runs with <c>--json</c>: a problem answer is then printed to stdout too.</summary>
    public bool Json { get; private set; }

    /// <summary>How long a request waits for its answer without <c>--timeout</c> (HttpClient's own default).</summary>
    public const int DefaultTimeoutSeconds = 100;

    /// <summary>The wait of the long operations (reconcile's pages, a replay), which can take minutes on a large ledger.</summary>
    public const int LongTimeoutSeconds = 300;

    public void Action(Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body, int timeoutSeconds = DefaultTimeoutSeconds) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, timeoutSeconds, cancellationToken));

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CliContext, CancellationToken, Task<int>> body, int timeoutSeconds, CancellationToken cancellationToken)
    {
        Json = parse.GetValue(Globals.Json);
        var url = parse.GetValue(Globals.Url) ?? Environment("BILLING_URL") ?? BillingCli.DefaultUrl;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            throw CliException.Usage($"--url: '{url}' is not an http(s) URL");
        if (baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback && !parse.GetValue(Globals.Insecure))
            throw CliException.Usage($"--url/BILLING_URL: '{url}' is plain http:// to another host, so the admin key would cross the network unencrypted; " +
                "use https://, or pass --insecure if that is really what you want");
        var key = parse.GetValue(Globals.Key) ?? Environment("BILLING_ADMIN_KEY");
        if (string.IsNullOrWhiteSpace(key)) throw CliException.Usage("--key: no admin key; pass --key or set BILLING_ADMIN_KEY");
        _key = key;

        // Redirects are not followed: the API never answers one, so it means a wrong --url or a sign-in page, and the
        // key must not be sent after it. ApiClient reports a 3xx as exit 1.
        using var http = handler is null ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseAddress;
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // ApiClient times each request, its body included.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var progress = new ProgressDisplay(IsTerminal(stderr, System.Console.Error, System.Console.IsErrorRedirected) ? Console(stderr, terminal: true) : null, stderr);
        var api = new ApiClient(http, TimeSpan.FromSeconds(parse.GetValue(Globals.Timeout) ?? timeoutSeconds), parse.GetValue(Globals.Verbose) ? stderr : null, progress.Notice, time);
        var context = new CliContext(api, stdout, stderr, Json, Console(stdout, IsTerminal(stdout, System.Console.Out, System.Console.IsOutputRedirected)), progress, time);
        return await body(parse, context, cancellationToken);
    }

    /// <summary><paramref name="text"/> with the admin key blanked out, for messages that quote an exception.</summary>
    public string Redact(string text) => string.IsNullOrEmpty(_key) ? text : text.Replace(_key, "***", StringComparison.Ordinal);

    private string? Environment(string name) =>
        environment is null ? System.Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);

    private static bool IsTerminal(TextWriter writer, TextWriter console, bool redirected) => ReferenceEquals(writer, console) && !redirected;

    /// <summary>Plain text and a wide page when not a terminal, so tables never wrap a figure in a file or a pipe.</summary>
    private static IAnsiConsole Console(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 240;
        return console;
    }
}
