using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary><c>billing tail &lt;subject&gt; [-n 20]</c>: <c>GET /api/accounts/{subject}/events?limit=</c>, newest first.</summary>
internal static class TailCommand
{
    public static Command Create(CommandHost host)
    {
        var subject = new Argument<string>("subject") { Description = "kind:id, for example team:acme" };
        var count = new Option<int>("-n", "--number") { Description = "How many of the latest events (1-50)", DefaultValueFactory = _ => 20 };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 50) result.AddError("-n: must be 1 to 50 (the service keeps the latest 50 events)");
        });
        var command = new Command("tail", "The latest usage events of a subject, newest first") { subject, count };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var path = Paths.Account(parse.GetValue(subject)!) + "/events" + Paths.Query(("limit", parse.GetValue(count).ToString(CultureInfo.InvariantCulture)));
            var tail = (await context.Api.GetAsync(path, cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(tail);
                return ExitCodes.Success;
            }
            var events = tail.Get("events");
            if (events.GetArrayLength() == 0)
            {
                context.Console.WriteLine("No usage entries found");
                return ExitCodes.Success;
            }
            var table = Cells.Table($"Last {events.GetArrayLength()} Usage Entries", "Timestamp", "Id", "Model", "Provider", "Status",
                "Prompt Tokens ", "Completion Tokens ", "Total Tokens ", "Cost ", "Cache Hit");
            foreach (var usage in events.EnumerateArray())
            {
                var tokens = usage.Get("tokens");
                table.Row(Cells.Instant(usage.Get("at")), Cells.Text(usage, "id"), Cells.Text(usage, "model"), Cells.Text(usage, "provider"), Cells.Text(usage, "status"),
                    Cells.Number(tokens.Get("prompt")), Cells.Number(tokens.Get("completion")), Cells.Number(tokens.Get("total")),
                    Cells.Money(usage.Get("cost")), Cells.Text(usage, "cache_hit"));
            }
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
