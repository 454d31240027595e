namespace Billing.Functions.Hosting;

/// <summary>Function (folder) names and binding names; each must match a function.json in <c>functions/</c>.</summary>
public static class FunctionNames
{
    public const string UsageWebhook = "UsageWebhook";
    public const string UsageIngest = "UsageIngest";
    public const string Check = "Check";
    public const string Guardrail = "Guardrail";
    public const string Accounts = "Accounts";
    public const string Prices = "Prices";
    public const string Timers = "Timers";
    public const string BudgetRollover = "BudgetRollover";
    public const string BudgetAlerts = "BudgetAlerts";
    public const string LagoPush = "LagoPush";
    public const string LagoPull = "LagoPull";
    public const string LagoWebhooks = "LagoWebhooks";
    public const string LagoParked = "LagoParked";
    public const string Reservations = "Reservations";
    public const string Health = "Health";
    public const string Quarantine = "Quarantine";
    public const string UsageManual = "UsageManual";
    public const string Reconcile = "Reconcile";
    public const string OpenApi = "OpenApi";

    /// <summary>The owners' page, <c>GET /accounts/{subject}</c>: at the root, outside <c>api/</c> (host.json has no route prefix).</summary>
    public const string Dashboard = "Dashboard";

    /// <summary>Functions the host invokes with the Data/Metadata protocol at <c>POST /{name}</c>.</summary>
    public static readonly IReadOnlyList<string> Invoked = [UsageWebhook, UsageIngest, BudgetRollover, BudgetAlerts, LagoPush, LagoPull];

    /// <summary>Timer-triggered functions: each runs the <c>ITimerJob</c> of the same name.</summary>
    public static readonly IReadOnlyList<string> TimerTriggered = [BudgetRollover, BudgetAlerts, LagoPush, LagoPull];

    /// <summary>HTTP-only functions the host forwards as-is to the app's routes of the same path.</summary>
    public static readonly IReadOnlyList<string> Forwarded = [Check, Guardrail, Accounts, Prices, Timers, LagoWebhooks, LagoParked, Reservations, Quarantine, UsageManual, Health, Reconcile, OpenApi, Dashboard];

    public const string HttpRequestBinding = "req";
    public const string HttpResponseBinding = "res";
    public const string UsageOutputBinding = "usage";
    public const string UsageTriggerBinding = "msg";
    public const string TimerTriggerBinding = "timer";
}
