using Spectre.Console;

namespace Billing.Cli.Output;

/// <summary>
/// Progress of a long operation (replay, reconcile) as a bar on stderr, only when stderr is a terminal: redirected
/// output (scripts, CI, tests) gets no progress at all, only the command's result, so nothing breaks a pipe or a log.
/// </summary>
internal sealed class ProgressDisplay(IAnsiConsole? terminal, TextWriter stderr)
{
    public bool Shown => terminal is not null;

    /// <summary>A line for stderr (a rate-limit wait, say); on a terminal through the console, so a running bar is redrawn below it, not broken.</summary>
    public void Notice(string line)
    {
        if (terminal is null) stderr.WriteLine(line);
        else terminal.WriteLine(line);
    }

    /// <summary>Runs <paramref name="work"/>; it reports through the step it is given. A null total is indeterminate.</summary>
    public async Task RunAsync(string description, double? total, Func<Step, Task> work)
    {
        if (terminal is null)
        {
            await work(new Step(null));
            return;
        }
        await terminal.Progress().AutoClear(true).HideCompleted(false).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(description), maxValue: total ?? 1);
            task.IsIndeterminate = total is null;
            await work(new Step(task));
            task.Value = task.MaxValue;
            task.StopTask();
        });
    }

    /// <summary>One operation's bar: <see cref="Advance"/> moves it and may retitle it.</summary>
    public sealed class Step(ProgressTask? task)
    {
        public void Advance(double by, string? description = null)
        {
            if (task is null) return;
            task.Increment(by);
            if (description is not null) task.Description = Markup.Escape(description);
        }
    }
}
