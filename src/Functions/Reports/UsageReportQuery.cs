using Billing.Domain.Budgets;
using Billing.Domain.Reports;
using Billing.Functions.Problems;

namespace Billing.Functions.Reports;

/// <summary>
/// The query of <c>GET /api/accounts/{subject}/usage</c>: <c>from</c> and <c>to</c> (see <see cref="ReportBound"/>;
/// default: the local month up to now) and <c>group_by</c> (<c>day</c> by default, <c>model</c> or <c>provider</c>).
/// </summary>
internal sealed record UsageReportQuery(ReportBound? From, ReportBound? To, ReportGrouping GroupBy)
{
    public const int MaxDays = 400;

    public static Validated<UsageReportQuery> Parse(IQueryCollection query)
    {
        var groupBy = QueryValues.Text(query, "group_by");
        if (groupBy.Problem is not null) return new(null, groupBy.Problem);
        var grouping = ReportGrouping.Day;
        if (groupBy.Value is { } name && !ReportNames.TryParseGrouping(name, out grouping))
            return new(null, BillingProblems.Field("group_by", $"must be {ReportNames.GroupingNames}"));
        var from = Bound(query, "from");
        if (from.Problem is not null) return new(null, from.Problem);
        var to = Bound(query, "to");
        if (to.Problem is not null) return new(null, to.Problem);
        return new(new UsageReportQuery(from.Value, to.Value, grouping), null);
    }

    /// <summary>The range in instants: dates read in <paramref name="zone"/>, defaults from <paramref name="now"/>; at most <see cref="MaxDays"/> days.</summary>
    public Validated<TimeInterval> Range(TimeZoneInfo zone, DateTimeOffset now)
    {
        var to = To?.Resolve(zone) ?? now;
        var from = From?.Resolve(zone) ?? UsageReport.DefaultFrom(zone, to);
        if (from >= to) return new(default, BillingProblems.Field("from", $"must be before to ({to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})"));
        if (to - from > TimeSpan.FromDays(MaxDays)) return new(default, BillingProblems.Field("from", $"must be at most {MaxDays} days before to"));
        return new(new TimeInterval(from, to), null);
    }

    private static Validated<ReportBound?> Bound(IQueryCollection query, string name)
    {
        var text = QueryValues.Text(query, name);
        if (text.Problem is not null) return new(null, text.Problem);
        if (text.Value is null) return new(null, null);
        return ReportBound.TryParse(text.Value, out var bound) ? new(bound, null) : new(null, BillingProblems.Field(name, ReportBound.Expected));
    }
}
