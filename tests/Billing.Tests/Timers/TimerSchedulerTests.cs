using System.Text.Json;
using Billing.Functions.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Timers;

/// <summary>The standalone host's timer shell: runs each job at its NCRONTAB occurrences, on the injected clock.</summary>
public sealed class TimerSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task Job_runs_at_each_occurrence_of_its_schedule_and_not_before()
    {
        var time = new FakeTimeProvider(Start);
        var job = new RecordingJob("0 */5 * * * *");
        using var scheduler = new TimerScheduler([job], Options.Create(new TimerOptions()), time, NullLogger<TimerScheduler>.Instance);
        var waiting = Waits(scheduler);
        await scheduler.StartAsync(CancellationToken.None);

        await waiting.NextAsync();
        time.Advance(TimeSpan.FromMinutes(4));
        var notYet = job.Runs.Count;
        time.Advance(TimeSpan.FromSeconds(30));
        var first = await job.NextRunAsync();
        await waiting.NextAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await job.NextRunAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(0, notYet);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 5, 0, TimeSpan.Zero), first.Now);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 10, 0, TimeSpan.Zero), second.Now);
        Assert.False(first.OnDemand);
    }

    [Fact]
    public async Task A_failing_run_does_not_stop_the_next_occurrence()
    {
        var time = new FakeTimeProvider(Start);
        var job = new RecordingJob("0 * * * * *") { FailFirst = true };
        using var scheduler = new TimerScheduler([job], Options.Create(new TimerOptions()), time, NullLogger<TimerScheduler>.Instance);
        var waiting = Waits(scheduler);
        await scheduler.StartAsync(CancellationToken.None);

        await waiting.NextAsync();
        time.Advance(TimeSpan.FromSeconds(30));
        await job.NextRunAsync();
        await waiting.NextAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await job.NextRunAsync();
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 12, 2, 0, TimeSpan.Zero), after.Now);
    }

    [Fact]
    public async Task Nothing_runs_when_in_process_timers_are_off()
    {
        var time = new FakeTimeProvider(Start);
        var job = new RecordingJob("0 * * * * *");
        using var scheduler = new TimerScheduler([job], Options.Create(new TimerOptions { InProcess = false }), time, NullLogger<TimerScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(3));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Empty(job.Runs);
    }

    /// <summary>A hand-written job that records its runs and lets the test await the next one.</summary>
    /// <summary>Each time the scheduler has armed a wait: the clock may move only then.</summary>
    private static WaitSignals Waits(TimerScheduler scheduler)
    {
        var signals = new WaitSignals();
        scheduler.Waiting += _ => signals.Channel.Writer.TryWrite(true);
        return signals;
    }

    private sealed class WaitSignals
    {
        public System.Threading.Channels.Channel<bool> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public Task NextAsync() => Channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class RecordingJob(string schedule) : ITimerJob
    {
        private readonly System.Threading.Channels.Channel<TimerRun> _runs = System.Threading.Channels.Channel.CreateUnbounded<TimerRun>();

        public List<TimerRun> Runs { get; } = [];
        public bool FailFirst { get; init; }
        public string Name => "Recording";
        public string Schedule => schedule;

        public Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken)
        {
            lock (Runs) Runs.Add(run);
            _runs.Writer.TryWrite(run);
            if (FailFirst && Runs.Count == 1) throw new InvalidOperationException("first run fails");
            return Task.FromResult(JsonDocument.Parse("{}").RootElement);
        }

        public async Task<TimerRun> NextRunAsync() => await _runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
