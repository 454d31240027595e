using Billing.Domain.Budgets;
using Billing.Domain.Reports;
using Billing.Domain.Subjects;
using Billing.Functions.Accounts;
using Billing.Functions.Credits;
using Billing.Functions.Reports;
using Billing.Functions.Storage;

namespace Billing.Functions.Dashboard;

/// <summary>
/// Reads what the owners' page shows with a bounded number of Table operations, through the code the API answers
/// with (so the figures are the API's): 1 point read of the state row (account, windows, credit book, latest hour, ring
/// of recent events); 1 range query over the roll-up rows of the last 31 days at most (≤ 744 rows: one page); 1 query
/// of this period's alert markers (only with budget windows); 1 query of the newest credit entries (only with a credit
/// book). At most 4; writes nothing.
/// </summary>
public sealed class DashboardReader(SubjectStore store, BillingTables tables, TimeProvider time)
{
    public const int ChartDays = 30;
    public const int CreditEntries = 10;
    public const int Events = 20;
    public const int MaxTableOperations = 4;

    /// <summary>The page's data, or null when the subject has neither an account nor usage.</summary>
    public async Task<DashboardView?> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(subject, cancellationToken);
        if (!state.Exists) return null;
        var now = time.GetUtcNow();
        var zone = state.Account?.TimeZone ?? TimeZoneInfo.Utc;
        var account = AccountView.Of(state, now);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date);
        var dayKeys = Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i - ChartDays + 1)).ToList();
        var chartFrom = UsageReport.StartOfDay(zone, dayKeys[0]);
        var monthFrom = UsageReport.DefaultFrom(zone, now);
        var readFrom = chartFrom < monthFrom ? chartFrom : monthFrom;
        var rows = await RollupRow.ReadRangeAsync(tables.Ledger, subject,
            UsageReportHandler.FirstHourFrom(readFrom), UsageReportHandler.FirstHourFrom(now), cancellationToken);

        var month = new TimeInterval(monthFrom, now);
        var alerts = await AlertsAsync(subject, account, cancellationToken);
        CreditsResponse? credits = null;
        IReadOnlyList<CreditEntryResponse> entries = [];
        if (state.Account is { } owned)
        {
            credits = CreditView.Of(owned, state.Book, now) with { Status = state.Suspension is null ? CreditView.Status(owned, state.Book, now) : CreditView.StatusName(true) };
            if (state.Credits is not null)
                entries = (await CreditEntryRow.ReadNewestAsync(tables.Ledger, subject, CreditEntries, cancellationToken)).Select(CreditView.Entry).ToList();
        }

        return new DashboardView(
            now,
            account,
            Chart(state, new TimeInterval(chartFrom, now), rows, dayKeys),
            UsageReportHandler.Of(state, month, rows, ReportGrouping.Model),
            UsageReportHandler.Of(state, month, rows, ReportGrouping.Provider),
            credits,
            entries,
            alerts,
            RecentEventsHandler.Of(state, Events));
    }

    /// <summary>The day report of the chart's range, and per model its cost on each day (each day's model report).</summary>
    private static DashboardChart Chart(SubjectState state, TimeInterval range, List<Domain.Ledger.HourBucket> rows, List<DateOnly> dayKeys)
    {
        var days = UsageReportHandler.Of(state, range, rows, ReportGrouping.Day);
        var keys = dayKeys.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var costs = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var day in days.Groups)
        {
            var index = keys.IndexOf(day.Key);
            if (index < 0 || day.Start is not { } start || day.End is not { } end) continue;
            var byModel = UsageReportHandler.Of(state, new TimeInterval(start, end < range.End ? end : range.End), rows, ReportGrouping.Model);
            foreach (var model in byModel.Groups)
            {
                if (!costs.TryGetValue(model.Key, out var perDay)) costs[model.Key] = perDay = new decimal[keys.Count];
                perDay[index] += model.Cost;
            }
        }
        var series = costs.Select(c => new DashboardSeries(c.Key, c.Value.Sum(), c.Value))
            .OrderByDescending(s => s.Total).ThenBy(s => s.Model, StringComparer.Ordinal).ToList();
        return new DashboardChart(days, keys, series);
    }

    private async Task<IReadOnlyList<DashboardAlert>> AlertsAsync(SubjectId subject, AccountResponse account, CancellationToken cancellationToken)
    {
        var windows = account.Budgets.Select(b => (b.Name, b.PeriodStart)).ToList();
        var markers = await AlertRow.ReadSinceAsync(tables.Ledger, subject, windows, cancellationToken);
        return markers
            .Select(m => new DashboardAlert(m.Crossing.Window, m.Crossing.ThresholdLabel, m.Crossing.Used, m.Crossing.Limit,
                BudgetNames.Name(m.Crossing.Metric), m.Status, m.Crossing.SpanStart, m.SentAt))
            .OrderBy(a => a.Window, StringComparer.Ordinal).ThenBy(a => a.Used).ToList();
    }
}
