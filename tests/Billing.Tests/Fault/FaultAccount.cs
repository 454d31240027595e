namespace Billing.Tests.Fault;

/// <summary>
/// An account the fault run puts before it posts: a hard <c>total</c> cost budget with thresholds 0.5, 0.8 and 1.0,
/// prepaid credits of <see cref="Grant"/>, or a Lago subscription id. Its owner address is unique, so emails are
/// counted per account by recipient.
/// </summary>
public sealed record FaultAccount(string Subject, decimal? HardLimit, decimal? Grant, string? LagoSubscription)
{
    public static readonly decimal[] Thresholds = [0.5m, 0.8m, 1.0m];

    public string Owner => "owner-" + Subject.Replace(':', '-') + "@fault.example";

    /// <summary>The thresholds a spend of <paramref name="spent"/> crosses: the app alerts when used ≥ threshold × limit.</summary>
    public int CrossedThresholds(decimal spent) => HardLimit is { } limit ? Thresholds.Count(t => spent >= t * limit) : 0;

    public object Body() => new Dictionary<string, object?>
    {
        ["owners"] = new[] { Owner },
        ["billing_mode"] = Grant is null ? "budget" : "prepaid",
        ["budgets"] = HardLimit is { } limit
            ? new[] { new { name = "total", period = "total", limit, mode = "hard", alert_thresholds = Thresholds } }
            : Array.Empty<object>(),
        ["lago"] = LagoSubscription is null ? null : new { external_subscription_id = LagoSubscription },
    }.Where(p => p.Value is not null).ToDictionary();
}
