using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Domain.Alerts;

/// <summary>
/// A threshold of a window crossed in one span: what the alert email says, frozen at the moment of crossing. One per
/// (subject, window, span, threshold): <see cref="SpanStart"/> is the span's count-from instant, so a window reset on
/// purpose alerts again.
/// </summary>
public sealed record AlertCrossing(
    SubjectId Subject,
    string Window,
    string Period,
    BudgetMetric Metric,
    BudgetMode Mode,
    string ThresholdKey,
    string ThresholdLabel,
    decimal Used,
    decimal Limit,
    DateTimeOffset SpanStart,
    DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd,
    string TimeZone,
    IReadOnlyList<ModelUsage> TopModels)
{
    public const int TopModelCount = 5;
}
