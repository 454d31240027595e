using Cronos;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Timers;

/// <summary>
/// The standalone host's timer trigger, a thin shell: runs each <see cref="ITimerJob"/> at the occurrences of its
/// NCRONTAB schedule (seconds included, UTC), waiting on the injected <see cref="TimeProvider"/> so tests can move
/// time. A failed run is logged and the next occurrence still runs, as on Functions. Several instances may run the
/// same timer at once; every job is safe for that.
/// </summary>
public sealed class TimerScheduler(IEnumerable<ITimerJob> jobs, IOptions<TimerOptions> options, TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    private DateTimeOffset _started;

    /// <summary>
    /// Raised once a job's wait for its next occurrence is armed on the clock. Tests move a fake clock only after it: a
    /// wait armed after the clock moved would count its duration from the later time.
    /// </summary>
    internal event Action<ITimerJob>? Waiting;

    /// <summary>Occurrences count from the moment the host starts the scheduler, not from when its loop gets a thread.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _started = time.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.InProcess
        ? Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, CronExpression.Parse(job.Schedule, CronFormat.IncludeSeconds), stoppingToken)))
        : Task.CompletedTask;

    private async Task RunOnScheduleAsync(ITimerJob job, CronExpression schedule, CancellationToken stoppingToken)
    {
        var from = _started;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.GetNextOccurrence(from.UtcDateTime, inclusive: false) is not { } next) return;
            try
            {
                var wait = next - time.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    var delay = Task.Delay(wait, time, stoppingToken);
                    Waiting?.Invoke(job);
                    await delay;
                }
                var summary = await job.RunAsync(new TimerRun(time.GetUtcNow(), OnDemand: false), stoppingToken);
                TimerLog.Ran(logger, job.Name, summary.GetRawText());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                TimerLog.Failed(logger, e, job.Name);
            }
            // Occurrences that passed while a run was in progress are not made up one by one: one run does all that is due.
            from = next;
            var now = time.GetUtcNow().UtcDateTime;
            while (schedule.GetNextOccurrence(from.UtcDateTime, inclusive: false) is { } missed && missed < now) from = missed;
        }
    }
}
