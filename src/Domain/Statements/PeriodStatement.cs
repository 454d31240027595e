using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Domain.Statements;

/// <summary>
/// What one window used in one finished period: spend, tokens, requests and the models behind them.
/// <see cref="Definition"/> is the window definition it was counted under (a redefined window states anew).
/// </summary>
public sealed record PeriodStatement(
    SubjectId Subject,
    string Window,
    string Definition,
    string Period,
    BudgetMetric Metric,
    decimal Limit,
    DateTimeOffset PeriodStart,
    DateTimeOffset? PeriodEnd,
    DateTimeOffset CountFrom,
    UsageBreakdown Usage);
