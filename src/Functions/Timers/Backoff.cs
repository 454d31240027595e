namespace Billing.Functions.Timers;

/// <summary>The timers' retry delay: <c>first</c>, doubling per failed attempt, never above <c>max</c>.</summary>
public static class Backoff
{
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan max)
    {
        var backoff = first * Math.Pow(2, Math.Min(Math.Max(attempts, 1) - 1, 20));
        return backoff < max ? backoff : max;
    }
}
