using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Reports;
using Billing.Domain.Subjects;
using Billing.Functions.Accounts;
using Billing.Functions.Problems;
using Billing.Functions.Storage;

namespace Billing.Functions.Reports;

/// <summary>
/// <c>GET /api/accounts/{subject}/usage</c>: one point read of the state row (account, time zone, latest hour), then
/// one range query over the roll-up rows of the range (a query page per 1,000 hours with usage). Usage rows are never read.
/// </summary>
public sealed class UsageReportHandler(SubjectStore store, BillingTables tables, TimeProvider time)
{
    public async Task<Validated<UsageReportResponse>> GetAsync(SubjectId subject, IQueryCollection query, CancellationToken cancellationToken)
    {
        var parsed = UsageReportQuery.Parse(query);
        if (parsed.Problem is not null || parsed.Value is not { } request) return new(null, parsed.Problem);
        var state = await store.ReadAsync(subject, cancellationToken);
        if (!state.Exists) return new(null, AccountHandler.Unknown(subject));
        var zone = state.Account?.TimeZone ?? TimeZoneInfo.Utc;
        var range = request.Range(zone, time.GetUtcNow());
        if (range.Problem is not null) return new(null, range.Problem);

        var (from, to) = (range.Value.Start, range.Value.End.GetValueOrDefault());
        var rows = await RollupRow.ReadRangeAsync(tables.Ledger, subject, FirstHourFrom(from), FirstHourFrom(to), cancellationToken);
        return new(Of(state, range.Value, rows, request.GroupBy), null);
    }

    /// <summary>
    /// The report over <paramref name="range"/> (with an end) from the state row and roll-up rows already read (rows outside
    /// the range are left out): what the API answers, for the owners' page too, which reads the rows once for several reports.
    /// </summary>
    internal static UsageReportResponse Of(SubjectState state, TimeInterval range, IEnumerable<HourBucket> rows, ReportGrouping groupBy)
    {
        var zone = state.Account?.TimeZone ?? TimeZoneInfo.Utc;
        var report = UsageReport.Of(range, rows, state.Ledger?.Hour, groupBy, zone);
        return new UsageReportResponse(
            state.Subject.ToString(),
            state.Account is not null,
            (state.Account?.Currency ?? AccountValidator.LedgerCurrency).Code,
            zone.Id,
            range.Start,
            range.End.GetValueOrDefault(),
            ReportNames.Name(groupBy),
            Figures(report.Totals),
            report.Groups.Select(g => new UsageGroupResponse(g.Key, g.Start, g.End, MoneyUnits.FromNanos(g.Counters.SpentNanos),
                g.Counters.Requests, g.Counters.Failures, g.Counters.CacheHits, AccountView.Tokens(g.Counters.Tokens), g.Counters.Unpriced)).ToList(),
            report.ModelsFolded);
    }

    /// <summary>The first hour that starts at or after <paramref name="instant"/>.</summary>
    internal static DateTimeOffset FirstHourFrom(DateTimeOffset instant) => HourBucket.HourOf(instant.AddTicks(TimeSpan.TicksPerHour - 1));

    private static UsageFiguresResponse Figures(UsageCounters c) =>
        new(MoneyUnits.FromNanos(c.SpentNanos), c.Requests, c.Failures, c.CacheHits, AccountView.Tokens(c.Tokens), c.Unpriced);
}
