using Billing.Domain.Budgets;

namespace Billing.Domain.Reservations;

/// <summary>
/// A subject's holds. An expired hold stops counting at once, with no timer: every count takes the instant. Holds are
/// pruned whenever the book is written. Pure.
/// </summary>
public sealed record HoldBook(IReadOnlyList<Hold> Holds)
{
    public static readonly HoldBook Empty = new([]);

    public Hold? Find(string id) => Holds.FirstOrDefault(h => h.Id == id);

    public IEnumerable<Hold> ActiveAt(DateTimeOffset now) => Holds.Where(h => h.IsActiveAt(now));

    /// <summary>What the active holds add to <paramref name="window"/>, in its metric: USD, tokens or requests.</summary>
    public decimal HeldIn(BudgetWindow window, DateTimeOffset now)
    {
        var holds = ActiveAt(now).Where(h => window.Models is null || (h.Model is not null && window.Counts(h.Model))).ToList();
        return window.Metric switch
        {
            BudgetMetric.Cost => Money.MoneyUnits.FromNanos(holds.Sum(h => h.CostNanos)),
            BudgetMetric.Tokens => holds.Sum(h => h.Tokens),
            _ => holds.Count,
        };
    }

    /// <summary>The cost the active holds keep from a prepaid balance.</summary>
    public long HeldNanos(DateTimeOffset now) => ActiveAt(now).Sum(h => h.CostNanos);

    /// <summary>The book with <paramref name="hold"/> added and expired holds dropped.</summary>
    public HoldBook Add(Hold hold, DateTimeOffset now) => new([.. ActiveAt(now).Where(h => h.Id != hold.Id), hold]);

    /// <summary>The book without the holds <paramref name="ids"/> names, expired ones dropped too; the same book when nothing changes.</summary>
    public HoldBook Remove(IEnumerable<string> ids, DateTimeOffset now)
    {
        if (Holds.Count == 0) return this; // the ingest asks for every transaction; most subjects hold nothing
        var remove = ids.ToHashSet(StringComparer.Ordinal);
        var kept = Holds.Where(h => h.IsActiveAt(now) && !remove.Contains(h.Id)).ToList();
        return kept.Count == Holds.Count ? this : new HoldBook(kept);
    }

    public bool Equals(HoldBook? other) => other is not null && Holds.SequenceEqual(other.Holds);

    public override int GetHashCode() => Holds.Count;
}
