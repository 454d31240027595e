namespace Billing.Tests.Infrastructure.Lago;

/// <summary>Which fault the next request gets: first the counted ones, in order, then the persistent one. Thread-safe.</summary>
internal sealed class LagoFaultPlan
{
    private readonly Lock _gate = new();
    private readonly Queue<LagoFault> _next = new();
    private LagoFault? _always;

    public LagoFault? Always
    {
        get
        {
            lock (_gate) return _always;
        }
    }

    public void FailNext(int count, LagoFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
            for (var i = 0; i < count; i++) _next.Enqueue(fault);
    }

    public void FailAlways(LagoFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate) _always = fault;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _always = null;
            _next.Clear();
        }
    }

    /// <summary>The fault for the request that just arrived, or null.</summary>
    public LagoFault? Take()
    {
        lock (_gate) return _next.TryDequeue(out var fault) ? fault : _always;
    }
}
