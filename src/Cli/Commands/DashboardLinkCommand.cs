using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing dashboard-link &lt;subject&gt; [--valid-for 7d]</c>: <c>POST /api/accounts/{subject}/dashboard-link</c>, and
/// prints the signed link to the owners' page (with <c>--json</c>, the API's answer with its <c>expires_at</c>).
/// </summary>
internal static class DashboardLinkCommand
{
    public static Command Create(CommandHost host)
    {
        var subject = new Argument<string>("subject") { Description = "kind:id, for example team:acme" };
        var validFor = new Option<string?>("--valid-for")
        {
            Description = "How long the link works: 90m, 12h or 7d (1 minute to 90 days; default the service's Dashboard__LinkLifetime, 7 days)",
        };
        validFor.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && Seconds(text) is null)
                result.AddError($"--valid-for: '{text}' is not a duration such as 90m, 12h or 7d");
        });
        var command = new Command("dashboard-link", "Print a signed link to a subject's page (spend, budgets, credits and alerts), for its owners") { subject, validFor };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var body = parse.GetValue(validFor) is { } text ? new JsonObject { ["valid_for_seconds"] = Seconds(text) } : null;
            var link = (await context.Api.SendAsync(HttpMethod.Post, Paths.Account(parse.GetValue(subject)!) + "/dashboard-link", body, null, cancellationToken)).Body;
            if (context.Json) context.WriteJson(link);
            else context.Out.WriteLine(link.GetProperty("url").GetString());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>90m</c>, <c>12h</c>, <c>7d</c> (or plain seconds) as seconds; null when it is none of those.</summary>
    private static long? Seconds(string text)
    {
        if (text.Length < 2) return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain : null;
        var unit = text[^1] switch { 's' => 1L, 'm' => 60L, 'h' => 3600L, 'd' => 86400L, _ => 0L };
        var number = unit == 0 ? text : text[..^1];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1_000_000_000) return null;
        return value * Math.Max(unit, 1);
    }
}
