using System.Diagnostics;

namespace Billing.Bench.Infrastructure;

/// <summary>
/// A clock for the app that runs <paramref name="speed"/> times faster than real time from the moment it is made, so a
/// duration the app will not accept any shorter (a hold's TTL) passes sooner. Timestamps and timers stay real.
/// </summary>
public sealed class FastClock(double speed) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_started) * speed;
}
