namespace Billing.Functions.Timers;

/// <summary>The standalone in-process timers, bound from <c>Timers</c>. On Functions the host's timer triggers run them instead.</summary>
public sealed class TimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>Run the timers on their schedules in this process (standalone only). Tests turn it off and run timers on demand.</summary>
    public bool InProcess { get; set; } = true;
}
