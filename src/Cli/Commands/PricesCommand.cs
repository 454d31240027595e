using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Cli.Output;
using Spectre.Console;

namespace Billing.Cli.Commands;

/// <summary><c>billing prices set|list</c>: the price book, <c>PUT /api/prices/{model}</c> and <c>GET /api/prices</c>.</summary>
internal static class PricesCommand
{
    public static Command Create(CommandHost host)
    {
        var prices = new Command("prices", "The price book: USD per million tokens (a '.' for decimals), for calls LiteLLM could not price");
        prices.Subcommands.Add(Set(host));
        prices.Subcommands.Add(List(host));
        return prices;
    }

    private static Command Set(CommandHost host)
    {
        var model = new Argument<string>("model") { Description = "Model name as the ledger records it (exact, case-sensitive)" };
        var input = InvariantOptions.RequiredDecimal("--input", "USD per million prompt tokens");
        var output = InvariantOptions.RequiredDecimal("--output", "USD per million completion tokens");
        var cachedInput = InvariantOptions.Decimal("--cached-input", "USD per million cached prompt tokens (default: --input)");
        var reasoning = InvariantOptions.Decimal("--reasoning", "USD per million reasoning tokens (default: --output)");
        var command = new Command("set", "Set a model's price") { model, input, output, cachedInput, reasoning };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var body = new JsonObject { ["input_per_million"] = parse.GetValue(input), ["output_per_million"] = parse.GetValue(output) };
            if (parse.GetValue(cachedInput) is { } cached) body["cached_input_per_million"] = cached;
            if (parse.GetValue(reasoning) is { } reasoningPrice) body["reasoning_per_million"] = reasoningPrice;
            var price = (await context.Api.SendAsync(HttpMethod.Put, "api/prices/" + Paths.Escape(parse.GetValue(model)!), body, null, cancellationToken)).Body;
            Print(context, price, [price]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CommandHost host)
    {
        var command = new Command("list", "List the price book");
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var book = (await context.Api.GetAsync("api/prices", cancellationToken)).Body;
            Print(context, book, [.. book.Get("prices").EnumerateArray()]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(CliContext context, JsonElement answer, IReadOnlyList<JsonElement> prices)
    {
        if (context.Json)
        {
            context.WriteJson(answer);
            return;
        }
        var table = Cells.Table("Prices (USD per million tokens)", "Model", "Input ", "Output ", "Cached Input ", "Reasoning ", "Updated");
        foreach (var price in prices)
            table.Row(Cells.Text(price, "model"), Cells.Text(price, "input_per_million"), Cells.Text(price, "output_per_million"),
                Cells.Text(price, "cached_input_per_million"), Cells.Text(price, "reasoning_per_million"), Cells.Instant(price.Get("updated_at")));
        context.Console.Write(table);
    }
}
