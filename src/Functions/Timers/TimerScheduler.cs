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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.InProcess
        ? Task.WhenAll(jobs.Select(job => RunOnScheduleAsync(job, CronExpression.Parse(job.Schedule, CronFormat.IncludeSeconds), stoppingToken)))
        : Task.CompletedTask;

    private async Task RunOnScheduleAsync(ITimerJob job, CronExpression schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now.UtcDateTime, inclusive: false) is not { } next) return;
            try
            {
                await Task.Delay(next - now.UtcDateTime, time, stoppingToken);
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
        }
    }
}
