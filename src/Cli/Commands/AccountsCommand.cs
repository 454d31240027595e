using System.CommandLine;
using System.Net;
using System.Text.Json;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary><c>billing accounts list|show|set</c>: <c>GET /api/accounts</c>, <c>GET|PUT /api/accounts/{subject}</c>.</summary>
internal static class AccountsCommand
{
    public static Command Create(CommandHost host)
    {
        var accounts = new Command("accounts", "List, show and configure accounts");
        accounts.Subcommands.Add(List(host));
        accounts.Subcommands.Add(Show(host));
        accounts.Subcommands.Add(Set(host));
        return accounts;
    }

    private static Command List(CommandHost host)
    {
        var prefix = new Option<string?>("--prefix") { Description = "Only subjects that start with this text (team:, team:acme-)" };
        var limit = new Option<int?>("--limit") { Description = "One page of at most this many (1-1000) instead of every page" };
        var continuation = new Option<string?>("--continuation") { Description = "With --limit: the page after the one that answered this value" };
        var command = new Command("list", "List accounts in subject order (every page, or one page with --limit; --json merges the pages)") { prefix, limit, continuation };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            List<JsonElement> items;
            JsonElement? next = null;
            if (parse.GetValue(limit) is { } size)
            {
                var page = await context.Api.GetAsync("api/accounts" + Paths.Query(("prefix", parse.GetValue(prefix)), ("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("continuation", parse.GetValue(continuation))), cancellationToken);
                items = [.. page.Body.Get("accounts").EnumerateArray()];
                next = page.Body.Get("continuation");
            }
            else
            {
                if (parse.GetValue(continuation) is not null) throw CliException.Usage("--continuation: only with --limit");
                items = await Pages.AllAsync(context.Api, "api/accounts", "accounts", [("prefix", parse.GetValue(prefix))], cancellationToken);
            }
            if (context.Json)
            {
                context.WriteJson(writer => JsonText.Merged(writer, "accounts", items, next));
                return ExitCodes.Success;
            }
            var table = Cells.Table(null, "Subject", "Owners", "Time zone", "Windows");
            foreach (var account in items)
                table.Row(Cells.Text(account, "subject"), Cells.List(account.Get("owners")), Cells.Text(account, "time_zone"), Cells.List(account.Get("windows")));
            context.Console.Write(table);
            context.Console.WriteLine($"{items.Count} account(s)" + (next is { ValueKind: JsonValueKind.String } n ? $"; next page: --continuation {n.GetString()}" : ""));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CommandHost host)
    {
        var subject = new Argument<string>("subject") { Description = "kind:id, for example team:acme" };
        var command = new Command("show", "Show an account: owners, time zone, each budget window where it stands now, lifetime totals") { subject };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var account = await context.Api.GetAsync(Paths.Account(parse.GetValue(subject)!), cancellationToken);
            Print(context, account.Body);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CommandHost host)
    {
        var subject = new Argument<string>("subject") { Description = "kind:id, for example team:acme" };
        var budget = new Option<string[]>("--budget") { Description = "<period>:<limit>[:<mode>], repeatable: daily:10:hard, monthly:200:soft, P14D:50 (the window is named after its period)" };
        var remove = new Option<string[]>("--remove-budget") { Description = "Remove the window of this name (repeatable)" };
        var anchor = InvariantOptions.Instant("--anchor", "Anchor instant of new ISO-8601 duration windows (P14D from this instant; with an offset or Z)");
        var owner = new Option<string[]>("--owner") { Description = "Owner email (repeatable); replaces the owners" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of the calendar periods (Europe/Berlin)" };
        var billingMode = new Option<string?>("--billing-mode") { Description = "budget or prepaid" };
        billingMode.AcceptOnlyFromAmong("budget", "prepaid");
        var suspendBelow = InvariantOptions.Decimal("--suspend-below", "Prepaid: the balance (USD, a '.' for decimals) below which the account is suspended");
        var command = new Command("set", "Create or change an account; only what the flags say changes (read, then PUT with If-Match)")
            { subject, budget, remove, anchor, owner, timeZone, billingMode, suspendBelow };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var edit = new AccountEdit([.. (parse.GetValue(budget) ?? []).Select(BudgetSpec.Parse)], parse.GetValue(remove) ?? [], parse.GetValue(anchor),
                parse.GetValue(owner) ?? [], parse.GetValue(timeZone), parse.GetValue(billingMode), parse.GetValue(suspendBelow));
            var path = Paths.Account(parse.GetValue(subject)!);
            for (var attempt = 1; ; attempt++)
            {
                var current = await context.Api.GetAsync(path, cancellationToken, HttpStatusCode.NotFound);
                var exists = current.Is(HttpStatusCode.OK) && current.Body.Get("has_account").ValueKind == JsonValueKind.True;
                var written = await context.Api.SendAsync(HttpMethod.Put, path, edit.Apply(exists ? current.Body : default), exists ? current.ETag : null,
                    cancellationToken, attempt == 1 ? [HttpStatusCode.PreconditionFailed] : []);
                if (written.Is(HttpStatusCode.PreconditionFailed)) continue;
                Print(context, written.Body);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    public static void Print(CliContext context, JsonElement account)
    {
        if (context.Json)
        {
            context.WriteJson(account);
            return;
        }
        var console = context.Console;
        console.WriteLine($"Account {Cells.Text(account, "subject")}" + (account.Get("has_account").ValueKind == JsonValueKind.False ? " (usage only, no account)" : ""));
        console.WriteLine($"  Owners:       {Cells.List(account.Get("owners"))}");
        console.WriteLine($"  Time zone:    {Cells.Text(account, "time_zone")}");
        console.WriteLine($"  Billing mode: {Cells.Text(account, "billing_mode")}" +
            (account.Get("billing_mode").StringOrNull() == "prepaid" ? $" (suspended below {Cells.Money(account.Get("suspend_below"))})" : ""));
        var lifetime = account.Get("lifetime");
        console.WriteLine($"  Lifetime:     {Cells.Money(lifetime.Get("spent"))}, {Cells.Number(lifetime.Get("requests"))} requests, {Cells.Number(lifetime.Get("tokens").Get("total"))} tokens");
        var budgets = account.Get("budgets");
        if (budgets.ValueKind != JsonValueKind.Array || budgets.GetArrayLength() == 0)
        {
            console.WriteLine("  No budget windows (unlimited).");
            return;
        }
        var table = Cells.Table("Budget windows", "Window", "Period", "Metric", "Mode", "Limit ", "Used ", "Remaining ", "Period start", "Period end", "Crossed");
        foreach (var window in budgets.EnumerateArray())
            table.Row(Cells.Text(window, "name"), Cells.Text(window, "period"), Cells.Text(window, "metric"), Cells.Text(window, "mode"),
                Cells.Text(window, "limit"), Cells.Text(window, "used"), Cells.Text(window, "remaining"),
                Cells.Instant(window.Get("period_start")), Cells.Instant(window.Get("period_end")), Cells.List(window.Get("thresholds_crossed")));
        console.Write(table);
    }
}
