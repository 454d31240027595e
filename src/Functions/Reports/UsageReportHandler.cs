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
        var report = UsageReport.Of(range.Value, rows, state.Ledger?.Hour, request.GroupBy, zone);
        return new(new UsageReportResponse(
            subject.ToString(),
            state.Account is not null,
            (state.Account?.Currency ?? AccountValidator.LedgerCurrency).Code,
            zone.Id,
            from,
            to,
            ReportNames.Name(request.GroupBy),
            Figures(report.Totals),
            report.Groups.Select(g => new UsageGroupResponse(g.Key, g.Start, g.End, MoneyUnits.FromNanos(g.Counters.SpentNanos),
                g.Counters.Requests, g.Counters.Failures, g.Counters.CacheHits, AccountView.Tokens(g.Counters.Tokens), g.Counters.Unpriced)).ToList(),
            report.ModelsFolded), null);
    }

    /// <summary>The first hour that starts at or after <paramref name="instant"/>.</summary>
    private static DateTimeOffset FirstHourFrom(DateTimeOffset instant) => HourBucket.HourOf(instant.AddTicks(TimeSpan.TicksPerHour - 1));

    private static UsageFiguresResponse Figures(UsageCounters c) =>
        new(MoneyUnits.FromNanos(c.SpentNanos), c.Requests, c.Failures, c.CacheHits, AccountView.Tokens(c.Tokens), c.Unpriced);
}
