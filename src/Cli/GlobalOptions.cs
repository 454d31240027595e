using System.CommandLine;
using System.Globalization;

namespace Billing.Cli;

/// <summary>The options every command takes: where the service is, the admin key, JSON output, tracing and plain-http consent.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = $"Base URL of the service (env BILLING_URL, default {BillingCli.DefaultUrl})", Recursive = true };

    public Option<string?> Key { get; } = new("--key") { Description = "Admin key, sent as 'Authorization: Bearer' (env BILLING_ADMIN_KEY); never printed", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON answer (pretty-printed) and nothing else", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Trace each request (method, URL, status) to stderr", Recursive = true };

    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Allow a plain http:// URL to a host other than this machine (the admin key then crosses the network unencrypted)", Recursive = true,
    };

    public Option<int?> Timeout { get; } = Seconds();

    public IEnumerable<Option> All => [Url, Key, Json, Verbose, Insecure, Timeout];

    private static Option<int?> Seconds() => new("--timeout")
    {
        Description = $"Seconds to wait for each answer (default {CommandHost.DefaultTimeoutSeconds}; reconcile and quarantine replay {CommandHost.LongTimeoutSeconds})",
        Recursive = true,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1) return seconds;
            result.AddError($"--timeout: '{string.Join(' ', result.Tokens.Select(t => t.Value))}' is not a whole number of seconds ≥ 1");
            return null;
        },
    };
}
