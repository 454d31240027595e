using Billing.Domain.Credits;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// <see cref="Invariant.CreditBalance"/>: the book's balance (what its grants have left, expired or not, minus the
/// overdraft) equals grants − burns − expiries − voids ± syncs summed over the credit entries. Each grant's remaining
/// is checked too when it can be derived: only while the subject never ran an overdraft (no burn without a grant, no
/// Lago sync), because a grant silently pays an overdraft off and no entry records that share. The Lago mirror
/// (<see cref="CreditBook.LagoGrantId"/>) is reset by each sync and has no per-grant history.
/// </summary>
internal static class CreditCheck
{
    public static IEnumerable<Difference> Compare(Billing.Domain.Subjects.SubjectId subject, CreditFigures figures)
    {
        var entries = figures.Entries;
        long Sum(CreditEntryKind kind, string? grant = null, bool anyGrant = true) => entries
            .Where(e => e.Kind == kind && (anyGrant || e.GrantId == grant))
            .Aggregate(0L, (total, e) => checked(total + e.AmountNanos));

        var (grants, burns, expiries, voids, syncs) = (Sum(CreditEntryKind.Grant), Sum(CreditEntryKind.Burn), Sum(CreditEntryKind.Expiry),
            Sum(CreditEntryKind.Void), Sum(CreditEntryKind.Sync));
        var expected = checked(grants - burns - expiries - voids + syncs);
        var actual = checked(figures.Book.Grants.Sum(g => g.RemainingNanos) - figures.Book.OverdraftNanos);
        if (expected != actual)
        {
            yield return new Difference(subject, Invariant.CreditBalance, FigureText.Money(expected), FigureText.Money(actual),
                $"the credit book's balance is {FigureText.Money(actual)} but the {FigureText.Counted(entries.Count, "credit entry", "credit entries")} " +
                $"sum to {FigureText.Money(expected)} (grants {FigureText.Money(grants)}, burns {FigureText.Money(burns)}, expiries {FigureText.Money(expiries)}, " +
                $"voids {FigureText.Money(voids)}, syncs {FigureText.Money(syncs)})");
        }

        if (entries.Any(e => e.Kind == CreditEntryKind.Sync || (e.Kind == CreditEntryKind.Burn && e.GrantId is null))) yield break;
        var ids = figures.Book.Grants.Select(g => g.Id).Concat(entries.Select(e => e.GrantId).OfType<string>())
            .Where(id => id != CreditBook.LagoGrantId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var derived = checked(Sum(CreditEntryKind.Grant, id, false) - Sum(CreditEntryKind.Burn, id, false)
                - Sum(CreditEntryKind.Expiry, id, false) - Sum(CreditEntryKind.Void, id, false));
            // A grant that left the book (used up, expired or voided, then pruned) has nothing left.
            var remaining = figures.Book.Grant(id)?.RemainingNanos ?? 0;
            if (derived == remaining) continue;
            yield return new Difference(subject, Invariant.CreditBalance, FigureText.Money(derived), FigureText.Money(remaining),
                $"grant '{id}' has {FigureText.Money(remaining)} left in the credit book but its entries leave {FigureText.Money(derived)}");
        }
    }
}
