using Billing.Domain.Budgets;
using Billing.Domain.Ledger;

namespace Billing.Domain.Entitlements;

/// <summary>
/// Where one window stands at a given instant: its period, what it used there and what is left. <see cref="Held"/> is
/// what reservations in flight hold in it (in its metric); it counts as used.
/// </summary>
public sealed record WindowStanding(BudgetWindow Window, WindowSpan Span, IReadOnlyList<string> Crossed)
{
    public decimal Held { get; init; }

    public decimal Used => Window.Used(Span.Usage.Total) + Held;

    public decimal Remaining => Window.Limit - Used;

    /// <summary>Whether this window governs a call to <paramref name="model"/>; a filtered window needs the model named.</summary>
    public bool AppliesTo(string? model) => Window.Models is null || (model is not null && Window.Counts(model));
}
