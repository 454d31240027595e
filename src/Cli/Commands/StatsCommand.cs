using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing stats &lt;subject&gt;</c>: <c>GET /api/accounts/{subject}/usage</c> printed as llm-accounting prints its
/// stats (a header, an "Overall Totals" table, then a breakdown by day, model or provider), with the API's figures as is.
/// </summary>
internal static class StatsCommand
{
    public static Command Create(CommandHost host)
    {
        var subject = new Argument<string>("subject") { Description = "kind:id, for example team:acme" };
        var daily = new Option<bool>("--daily") { Description = "Today, from local midnight in the account's time zone" };
        var weekly = new Option<bool>("--weekly") { Description = "The last 7 local days, today included" };
        var monthly = new Option<bool>("--monthly") { Description = "This month (the default)" };
        var from = InvariantOptions.DateOrInstant("--from", "Start: a date (local midnight in the account's time zone) or an ISO-8601 instant with an offset");
        var to = InvariantOptions.DateOrInstant("--to", "End (exclusive), as --from; default now");
        var by = new Option<string>("--by") { Description = "Breakdown: day, model or provider", DefaultValueFactory = _ => "day" };
        by.AcceptOnlyFromAmong("day", "model", "provider");
        var command = new Command("stats", "Spend report: totals and a breakdown by day, model or provider") { subject, daily, weekly, monthly, from, to, by };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var periods = new[] { (daily, "Daily"), (weekly, "Weekly"), (monthly, "Monthly") }.Where(p => parse.GetValue(p.Item1)).ToList();
            var range = parse.GetValue(from) is not null || parse.GetValue(to) is not null;
            if (periods.Count + (range ? 1 : 0) > 1)
                throw CliException.Usage("--daily, --weekly, --monthly and --from/--to: give at most one of them");
            var path = Paths.Account(parse.GetValue(subject)!);
            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            if (periods.Count == 1 && periods[0].Item2 != "Monthly")
            {
                var today = await TodayAsync(context, path, cancellationToken);
                start = (periods[0].Item2 == "Daily" ? today : today.AddDays(-6)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            var report = (await context.Api.GetAsync(path + "/usage" + Paths.Query(("from", start), ("to", end), ("group_by", parse.GetValue(by))), cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(report);
                return ExitCodes.Success;
            }
            Print(context, report, range ? "Custom" : periods.Count == 1 ? periods[0].Item2 : "Monthly");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Today's date in the account's time zone (the API reads a date as local midnight there).</summary>
    private static async Task<DateOnly> TodayAsync(CliContext context, string path, CancellationToken cancellationToken)
    {
        var account = await context.Api.GetAsync(path, cancellationToken);
        var zone = TimeZoneInfo.Utc;
        if (account.Body.Get("time_zone").StringOrNull() is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found)) zone = found;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Time.GetUtcNow(), zone).DateTime);
    }

    private static void Print(CliContext context, JsonElement report, string period)
    {
        var console = context.Console;
        console.WriteLine();
        console.WriteLine($"=== {period} Stats for {Cells.Text(report, "subject")} ({Cells.Text(report, "from")} to {Cells.Text(report, "to")}, {Cells.Text(report, "time_zone")})");
        var totals = report.Get("totals");
        console.Write(Cells.Pairs("Overall Totals", Figures(totals)));
        var groupBy = report.Get("group_by").StringOrNull() ?? "day";
        var groups = report.Get("groups");
        if (groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() == 0)
        {
            console.WriteLine("No usage in this range.");
            return;
        }
        var heading = groupBy switch { "model" => "Model", "provider" => "Provider", _ => "Day" };
        var table = Cells.Table($"{heading} Breakdown", heading, "Requests ", "Failures ", "Cache Hits ", "Prompt Tokens ", "Completion Tokens ", "Total Tokens ", "Cost ");
        foreach (var group in groups.EnumerateArray())
        {
            var tokens = group.Get("tokens");
            table.Row(Cells.Text(group, "key"), Cells.Number(group.Get("requests")), Cells.Number(group.Get("failures")), Cells.Number(group.Get("cache_hits")),
                Cells.Number(tokens.Get("prompt")), Cells.Number(tokens.Get("completion")), Cells.Number(tokens.Get("total")), Cells.Money(group.Get("cost")));
        }
        console.Write(table);
        if (report.Get("models_folded").ValueKind == JsonValueKind.True)
            console.WriteLine("Some hours held more than 24 models; the rest are summed under (other). The totals are exact.");
    }

    private static IEnumerable<(string, string)> Figures(JsonElement figures)
    {
        var tokens = figures.Get("tokens");
        yield return ("Requests", Cells.Number(figures.Get("requests")));
        yield return ("Failures", Cells.Number(figures.Get("failures")));
        yield return ("Cache Hits", Cells.Number(figures.Get("cache_hits")));
        yield return ("Prompt Tokens", Cells.Number(tokens.Get("prompt")));
        yield return ("Completion Tokens", Cells.Number(tokens.Get("completion")));
        yield return ("Cached Prompt Tokens", Cells.Number(tokens.Get("cached_prompt")));
        yield return ("Reasoning Tokens", Cells.Number(tokens.Get("reasoning")));
        yield return ("Total Tokens", Cells.Number(tokens.Get("total")));
        yield return ("Total Cost", Cells.Money(figures.Get("cost")));
    }
}
