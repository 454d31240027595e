namespace Billing.Functions.Alerts;

/// <summary>
/// What one <c>BudgetAlerts</c> run did: jobs found due, emails sent, sends that failed and wait for a retry, alerts with
/// no owner to send to, jobs left alone (claimed by another instance, or a marker whose transaction may still commit),
/// jobs dropped because their marker never committed, and whether SMTP is configured at all.
/// </summary>
public sealed record AlertsSummary(int Due, int Sent, int Retrying, int NoRecipients, int Skipped, int Orphans, bool EmailConfigured);
