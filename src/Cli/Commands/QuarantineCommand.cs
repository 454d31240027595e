using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing quarantine list|show|replay</c>: the elements and messages the service set aside
/// (<c>GET /api/quarantine</c>, <c>GET /api/quarantine/{id}</c>, <c>POST /api/quarantine/{id}/replay</c>).
/// </summary>
internal static class QuarantineCommand
{
    public static Command Create(CommandHost host)
    {
        var quarantine = new Command("quarantine", "Usage the service set aside: list, show and replay");
        quarantine.Subcommands.Add(List(host));
        quarantine.Subcommands.Add(Show(host));
        quarantine.Subcommands.Add(Replay(host));
        return quarantine;
    }

    /// <summary>
    /// The <c>from</c> that <c>replay --all</c> sends without <c>--from</c>: the list's own default is 7 days ago, and
    /// "all" means every item, however old. The service did not exist before this date.
    /// </summary>
    private const string EveryItem = "2000-01-01";

    private static Option<string?> From() => InvariantOptions.DateOrInstant("--from", "Only items received from then on: a date (midnight UTC) or an ISO-8601 instant with an offset");

    private static Command List(CommandHost host)
    {
        var from = From();
        var limit = new Option<int?>("--limit") { Description = "One page of at most this many instead of every page" };
        var continuation = new Option<string?>("--continuation") { Description = "With --limit: the page after the one that answered this value" };
        var command = new Command("list", "List quarantined items (every page, or one with --limit; --json merges the pages)") { from, limit, continuation };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            List<JsonElement> items;
            JsonElement? next = null;
            if (parse.GetValue(limit) is { } size)
            {
                var page = (await context.Api.GetAsync("api/quarantine" + Paths.Query(("from", parse.GetValue(from)), ("limit", size.ToString(CultureInfo.InvariantCulture)),
                    ("continuation", parse.GetValue(continuation))), cancellationToken)).Body;
                items = [.. page.Get("items").EnumerateArray()];
                next = page.Get("continuation");
            }
            else
            {
                if (parse.GetValue(continuation) is not null) throw CliException.Usage("--continuation: only with --limit");
                items = await Pages.AllAsync(context.Api, "api/quarantine", "items", [("from", parse.GetValue(from))], cancellationToken);
            }
            if (context.Json)
            {
                context.WriteJson(writer => JsonText.Merged(writer, "items", items, next));
                return ExitCodes.Success;
            }
            var table = Cells.Table(null, "Id", "Source", "Index ", "Reason", "Received", "Raw Bytes ", "Replayed");
            foreach (var item in items)
                table.Row(Cells.Text(item, "id"), Cells.Text(item, "source"), Cells.Text(item, "index"), Cells.Text(item, "reason"), Cells.Instant(item.Get("received_at")),
                    Cells.Number(item.Get("raw_length")) + (item.Get("truncated").ValueKind == JsonValueKind.True ? " (truncated)" : ""), Replayed(item));
            context.Console.Write(table);
            context.Console.WriteLine($"{items.Count} item(s)" + (next is { ValueKind: JsonValueKind.String } n ? $"; next page: --continuation {n.GetString()}" : ""));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Replayed(JsonElement item) =>
        item.Get("replayed_at").ValueKind == JsonValueKind.String ? Cells.Instant(item.Get("replayed_at"))
        : item.Get("replay_error").ValueKind == JsonValueKind.String ? "failed: " + Cells.Text(item, "replay_error")
        : "-";

    private static Command Show(CommandHost host)
    {
        var id = new Argument<string>("id") { Description = "The quarantined item's id" };
        var command = new Command("show", "Show a quarantined item with its raw text") { id };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var item = (await context.Api.GetAsync("api/quarantine/" + Paths.Escape(parse.GetValue(id)!), cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(item);
                return ExitCodes.Success;
            }
            foreach (var field in item.EnumerateObject().Where(f => f.Name != "raw"))
                context.Out.WriteLine($"{field.Name + ":",-18} {(field.Name.EndsWith("_at") ? Cells.Instant(field.Value) : Cells.Raw(field.Value))}");
            context.Out.WriteLine("raw:");
            context.Out.WriteLine(Cells.Text(item, "raw"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Replay(CommandHost host)
    {
        var ids = new Argument<string[]>("id") { Description = "Items to replay", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Replay every item not replayed yet, however old (the list alone shows 7 days); with --from only those received from then on" };
        var from = From();
        var command = new Command("replay", "Replay quarantined items into the ledger; one failing does not stop the others (exit 1 if any failed)") { ids, all, from };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var given = parse.GetValue(ids) ?? [];
            if (parse.GetValue(all) == (given.Length > 0)) throw CliException.Usage("replay: give item ids or --all, not both");
            if (!parse.GetValue(all) && parse.GetValue(from) is not null) throw CliException.Usage("--from: only with --all");
            var targets = given.Length > 0 ? [.. given]
                : (await Pages.AllAsync(context.Api, "api/quarantine", "items", [("from", parse.GetValue(from) ?? EveryItem)], cancellationToken))
                    .Where(i => i.Get("replayed_at").ValueKind != JsonValueKind.String).Select(i => i.Get("id").GetString()!).ToList();
            var replayed = new List<JsonElement>();
            var failed = new List<(string Id, CliException Error)>();
            await context.Progress.RunAsync("Replaying", targets.Count, async step =>
            {
                foreach (var id in targets)
                {
                    try
                    {
                        replayed.Add((await context.Api.SendAsync(HttpMethod.Post, $"api/quarantine/{Paths.Escape(id)}/replay", null, null, cancellationToken)).Body);
                    }
                    catch (CliException e) when (e.ExitCode == ExitCodes.Problem)
                    {
                        failed.Add((id, e));
                    }
                    step.Advance(1, $"Replaying ({replayed.Count} replayed, {failed.Count} failed)");
                }
            });
            if (context.Json)
                context.WriteJson(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("replayed");
                    foreach (var answer in replayed) answer.WriteTo(writer);
                    writer.WriteEndArray();
                    writer.WriteStartArray("failed");
                    foreach (var (id, error) in failed)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", id);
                        writer.WritePropertyName("problem");
                        if (error.Problem is { } problem) problem.WriteTo(writer);
                        else writer.WriteStringValue(error.Message);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            else
            {
                var table = Cells.Table(null, "Id", "Source", "Events ", "Applied ", "Duplicates ", "Replayed");
                foreach (var answer in replayed)
                    table.Row(Cells.Text(answer, "id"), Cells.Text(answer, "source"), Cells.Number(answer.Get("events")), Cells.Number(answer.Get("applied")),
                        Cells.Number(answer.Get("duplicates")), Cells.Instant(answer.Get("replayed_at")));
                if (replayed.Count > 0) context.Console.Write(table);
                context.Out.WriteLine($"Replayed {replayed.Count} of {targets.Count}: {replayed.Sum(a => a.Get("events").GetInt64())} events, " +
                    $"{replayed.Sum(a => a.Get("applied").GetInt64())} applied, {replayed.Sum(a => a.Get("duplicates").GetInt64())} duplicates; {failed.Count} failed.");
            }
            foreach (var (id, error) in failed) context.Error.WriteLine($"billing: {id}: {error.Message}");
            return failed.Count > 0 ? ExitCodes.Problem : ExitCodes.Success;
        }, CommandHost.LongTimeoutSeconds);
        return command;
    }
}
