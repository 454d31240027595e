using System.Text.Json;

namespace Billing.Functions.Timers;

/// <summary>
/// A timer's plain handler. The Functions timer trigger, the standalone in-process schedule and
/// <c>POST /api/timers/{name}/run</c> all call it; it returns a JSON summary of what it did.
/// </summary>
public interface ITimerJob
{
    string Name { get; }

    /// <summary>The NCRONTAB schedule (with seconds) the in-process scheduler follows; the Functions host reads the same app setting.</summary>
    string Schedule { get; }

    Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken);
}

/// <summary>
/// One run: the instant it runs for, and whether an operator asked for it. A run on demand does everything due now,
/// including retries still waiting out a backoff.
/// </summary>
public readonly record struct TimerRun(DateTimeOffset Now, bool OnDemand);
