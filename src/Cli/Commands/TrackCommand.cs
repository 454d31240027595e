using System.CommandLine;
using System.Text.Json.Nodes;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing track</c>: a manual usage entry (<c>POST /api/usage/manual</c>) for usage that did not come through
/// LiteLLM. Idempotent by <c>--id</c>: the same id twice is applied once. Without <c>--id</c> the CLI picks a new,
/// time-ordered one and prints it to stderr before sending, so a request that timed out but was applied can be retried
/// with that id and still counts once (an id the service picked would be a new one on every retry).
/// </summary>
internal static class TrackCommand
{
    public static Command Create(CommandHost host)
    {
        var subjects = new Option<string[]>("--subject") { Description = "kind:id the usage is attributed to (repeatable, one per kind): team:x, user:y", Required = true };
        var model = new Option<string>("--model") { Description = "Model name, as the ledger records it", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider (openai, anthropic…)" };
        var cost = InvariantOptions.Decimal("--cost", "Cost in USD (12.5: a '.' for decimals); without it the price book prices the tokens");
        var prompt = new Option<long?>("--prompt-tokens") { Description = "Prompt tokens" };
        var completion = new Option<long?>("--completion-tokens") { Description = "Completion tokens" };
        var cached = new Option<long?>("--cached-prompt-tokens") { Description = "Cached prompt tokens (part of the prompt)" };
        var reasoning = new Option<long?>("--reasoning-tokens") { Description = "Reasoning tokens (part of the completion)" };
        var at = InvariantOptions.Instant("--at", "When it happened (ISO-8601 instant with an offset or Z; default now)");
        var id = new Option<string?>("--id") { Description = "Idempotency id: the same id again is not counted twice (default: a new cli-… id, printed to stderr as 'id: manual:<id>')" };
        var status = new Option<string?>("--status") { Description = "success (default) or failure" };
        status.AcceptOnlyFromAmong("success", "failure");
        var command = new Command("track", "Record usage by hand (not through LiteLLM), idempotent by --id")
            { subjects, model, provider, cost, prompt, completion, cached, reasoning, at, id, status };
        host.Action(command, async (parse, context, cancellationToken) =>
        {
            var attributed = new JsonObject();
            foreach (var subject in parse.GetValue(subjects)!)
            {
                var (kind, subjectId) = Paths.Subject(subject, "--subject");
                if (attributed.ContainsKey(kind)) throw CliException.Usage($"--subject: two subjects of kind '{kind}'; give one per kind");
                attributed[kind] = subjectId;
            }
            var body = new JsonObject { ["subjects"] = attributed, ["model"] = parse.GetValue(model) };
            void Add(string name, JsonNode? value) { if (value is not null) body[name] = value; }
            var entryId = parse.GetValue(id);
            if (entryId is null)
            {
                entryId = "cli-" + Guid.CreateVersion7(context.Time.GetUtcNow()).ToString("N");
                context.Error.WriteLine($"id: manual:{entryId} (to retry without counting twice: --id {entryId})");
            }
            Add("id", entryId);
            Add("provider", parse.GetValue(provider));
            Add("cost", parse.GetValue(cost));
            Add("prompt_tokens", parse.GetValue(prompt));
            Add("completion_tokens", parse.GetValue(completion));
            Add("cached_prompt_tokens", parse.GetValue(cached));
            Add("reasoning_tokens", parse.GetValue(reasoning));
            Add("at", parse.GetValue(at)?.ToString("O"));
            Add("status", parse.GetValue(status));
            var answer = (await context.Api.SendAsync(HttpMethod.Post, "api/usage/manual", body, null, cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(answer);
                return ExitCodes.Success;
            }
            var applied = answer.Get("applied").ValueKind == System.Text.Json.JsonValueKind.True;
            context.Out.WriteLine($"{(applied ? "Recorded" : "Already recorded")} {Cells.Text(answer, "id")} for {Cells.List(answer.Get("subjects"))}: " +
                $"cost {Cells.Money(answer.Get("cost"))} ({Cells.Text(answer, "price_source")})");
            return ExitCodes.Success;
        });
        return command;
    }
}
