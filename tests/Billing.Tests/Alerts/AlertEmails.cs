using Billing.Functions.Alerts;

namespace Billing.Tests.Alerts;

/// <summary>Test data: one typical alert email; tests change what they are about with <c>with { ... }</c>.</summary>
public static class AlertEmails
{
    /// <summary>Midnight in Berlin on 22 November 2026 (UTC+1), the start of the sample's daily window.</summary>
    public static readonly DateTimeOffset BerlinMidnight = new(2026, 11, 21, 23, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Now = BerlinMidnight.AddHours(15);

    /// <summary><c>team:acme</c> has spent 8.00 of its 10.00 USD hard daily limit and crossed 80%.</summary>
    public static AlertEmail Acme() => new()
    {
        To = ["owner@acme.example", "Finance <finance@acme.example>"],
        Subject = "team:acme",
        WindowName = "daily",
        Period = "daily",
        Metric = "cost",
        Mode = "hard",
        Threshold = "80%",
        Used = 8m,
        Limit = 10m,
        PeriodStart = BerlinMidnight,
        PeriodEnd = BerlinMidnight.AddDays(1),
        TimeZone = "Europe/Berlin",
        TopModels =
        [
            new("claude-sonnet", 2.5m, 40),
            new("gpt-4o", 5.25m, 120),
            new("gpt-4o-mini", 0.0042m, 7),
        ],
        MessageId = "alert:team:acme:daily:80:2026-11-22",
        DetailsUrl = "https://billing.example/accounts/team:acme",
    };
}
