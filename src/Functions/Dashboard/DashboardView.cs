using Billing.Functions.Accounts;
using Billing.Functions.Credits;
using Billing.Functions.Reports;

namespace Billing.Functions.Dashboard;

/// <summary>
/// Everything the owners' page shows, in the API's own response types so its figures are the API's: the account with
/// its windows, the daily spend by model of the last <see cref="DashboardReader.ChartDays"/> days, this month's top
/// models and providers, the credits and their latest entries, this period's alerts and the latest events.
/// </summary>
public sealed record DashboardView(
    DateTimeOffset Now,
    AccountResponse Account,
    DashboardChart Chart,
    UsageReportResponse TopModels,
    UsageReportResponse TopProviders,
    CreditsResponse? Credits,
    IReadOnlyList<CreditEntryResponse> CreditEntries,
    IReadOnlyList<DashboardAlert> Alerts,
    RecentEventsResponse Events);

/// <summary>
/// Daily spend stacked by model: <see cref="Days"/> (local days of the account's time zone, oldest first, each the
/// API's day report) and one series per model, ordered by its total, with a cost per day (0 where it had none).
/// </summary>
public sealed record DashboardChart(UsageReportResponse Days, IReadOnlyList<string> DayKeys, IReadOnlyList<DashboardSeries> Series);

public sealed record DashboardSeries(string Model, decimal Total, IReadOnlyList<decimal> PerDay);

/// <summary>An alert marker of a window's current period and its delivery status (<c>pending</c>, <c>sending</c>, <c>sent</c>, <c>no_recipients</c>).</summary>
public sealed record DashboardAlert(string Window, string Threshold, decimal Used, decimal Limit, string Metric, string Status, DateTimeOffset CrossedSpan, DateTimeOffset? SentAt);
