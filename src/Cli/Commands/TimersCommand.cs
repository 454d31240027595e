using System.CommandLine;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary><c>billing timers run &lt;name&gt;</c>: <c>POST /api/timers/{name}/run</c>, printing the run's summary.</summary>
internal static class TimersCommand
{
    public static Command Create(CommandHost host)
    {
        var timers = new Command("timers", "Run the service's timers on demand");
        var name = new Argument<string>("name") { Description = "BudgetRollover, BudgetAlerts, LagoPush or LagoPull" };
        var run = new Command("run", "Run a timer once, now, and print its summary") { name };
        host.Action(run, async (parse, context, cancellationToken) =>
        {
            var timer = parse.GetValue(name)!;
            var summary = (await context.Api.SendAsync(HttpMethod.Post, $"api/timers/{Paths.Escape(timer)}/run", null, null, cancellationToken)).Body;
            if (context.Json)
            {
                context.WriteJson(summary);
                return ExitCodes.Success;
            }
            context.Out.WriteLine($"{timer}:");
            if (summary.ValueKind == System.Text.Json.JsonValueKind.Object)
                foreach (var figure in summary.EnumerateObject()) context.Out.WriteLine($"  {figure.Name}: {Cells.Raw(figure.Value)}");
            return ExitCodes.Success;
        });
        timers.Subcommands.Add(run);
        return timers;
    }
}
