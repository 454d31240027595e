using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary><c>billing credits grant|list|void</c>: a prepaid subject's grants, balance and ledger entries.</summary>
internal static class CreditsCommand
{
    public static Command Create(CommandHost host)
    {
        var credits = new Command("credits", "Prepaid credits: grant, list (with --entries the ledger) and void");
        credits.Subcommands.Add(Grant(host));
        credits.Subcommands.Add(List(host));
        credits.Subcommands.Add(Void(host));
        return credits;
    }

    private static Argument<string> Subject() => new("subject") { Description = "kind:id, for example team:acme" };

    private static Command Grant(CommandHost host)
    {
        var subject = Subject();
        var amount = InvariantOptions.RequiredDecimal("--amount", "USD to grant (12.5: a '.' for decimals)");
        var grantId = new Option<string?>("--grant-id") { Description = "Idempotency key: the same grant again is one grant (default: a new id)" };
        var expiresAt = InvariantOptions.Instant("--expires-at", "When what is left of the grant expires (ISO-8601 instant with an offset or Z)");
        var priority = new Option<int?>("--priority") { Description = "Lower burns first (default 1)" };
        var reason = new Option<string?>("--reason") { Description = "Why (shown in the grant)" };
        var command = new Command("grant", "Grant credits to a subject (POST …/credits)") { subject, amount, grantId, expiresAt, priority, reason };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var id = parse.GetValue(grantId) ?? "cli-" + context.Time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
            var body = new JsonObject { ["grant_id"] = id, ["amount"] = parse.GetValue(amount) };
            if (parse.GetValue(expiresAt) is { } expires) body["expires_at"] = expires.ToString("O");
            if (parse.GetValue(priority) is { } order) body["priority"] = order;
            if (parse.GetValue(reason) is { } why) body["reason"] = why;
            var answer = await context.Api.SendAsync(HttpMethod.Post, Paths.Account(parse.GetValue(subject)!) + "/credits", body, null, cancellationToken);
            if (!context.Json) context.Out.WriteLine(answer.Is(HttpStatusCode.Created) ? $"Granted {id}." : $"Grant {id} was already made (the same grant again); nothing changed.");
            Print(context, answer.Body);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandHost host)
    {
        var subject = Subject();
        var entries = new Option<bool>("--entries") { Description = "The credit ledger (grants, burns, expiries, voids), newest first, instead of the grants" };
        var limit = new Option<int?>("--limit") { Description = "With --entries: how many (1-1000, default 100)" };
        var command = new Command("list", "A subject's balance and grants (GET …/credits), or its ledger entries") { subject, entries, limit };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var path = Paths.Account(parse.GetValue(subject)!) + "/credits";
            if (!parse.GetValue(entries))
            {
                if (parse.GetValue(limit) is not null) throw CliException.Usage("--limit: only with --entries");
                Print(context, (await context.Api.GetAsync(path, cancellationToken)).Body);
                return ExitCodes.Success;
            }
            var ledger = (await context.Api.GetAsync(path + "/entries" + Paths.Query(("limit", parse.GetValue(limit)?.ToString(CultureInfo.InvariantCulture))), cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(ledger);
                return ExitCodes.Success;
            }
            var table = Cells.Table($"Credit entries of {Cells.Text(ledger, "subject")}", "At", "Kind", "Grant", "Amount ", "Reference");
            foreach (var entry in ledger.Get("entries").EnumerateArray())
                table.Row(Cells.Instant(entry.Get("at")), Cells.Text(entry, "kind"), Cells.Text(entry, "grant_id"), Cells.Money(entry.Get("amount")), Cells.Text(entry, "reference"));
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Void(CommandHost host)
    {
        var subject = Subject();
        var grantId = new Argument<string>("grant_id") { Description = "The grant to void (what is left of it)" };
        var command = new Command("void", "Void what is left of a grant (DELETE …/credits/{grant_id})") { subject, grantId };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var path = Paths.Account(parse.GetValue(subject)!) + "/credits/" + Paths.Escape(parse.GetValue(grantId)!);
            Print(context, (await context.Api.SendAsync(HttpMethod.Delete, path, null, null, cancellationToken)).Body);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(CliContext context, JsonElement credits)
    {
        if (context.Json)
        {
            context.WriteJson(credits);
            return;
        }
        context.Out.WriteLine($"Credits of {Cells.Text(credits, "subject")} ({Cells.Text(credits, "billing_mode")}): balance {Cells.Money(credits.Get("balance"))}, " +
            $"overdraft {Cells.Money(credits.Get("overdraft"))}, status {Cells.Text(credits, "status")}, suspended below {Cells.Money(credits.Get("suspend_below"))}");
        var table = Cells.Table("Grants", "Grant", "Amount ", "Remaining ", "Priority ", "Granted", "Expires", "Status", "Reason");
        foreach (var grant in credits.Get("grants").EnumerateArray())
            table.Row(Cells.Text(grant, "grant_id"), Cells.Money(grant.Get("amount")), Cells.Money(grant.Get("remaining")), Cells.Text(grant, "priority"),
                Cells.Instant(grant.Get("granted_at")), Cells.Instant(grant.Get("expires_at")), Cells.Text(grant, "status"), Cells.Text(grant, "reason"));
        context.Console.Write(table);
    }
}
