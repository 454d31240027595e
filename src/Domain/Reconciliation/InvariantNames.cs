namespace Billing.Domain.Reconciliation;

/// <summary>The one table of the invariants' wire names.</summary>
public static class InvariantNames
{
    private static readonly NameTable<Invariant> Table = new(
        (Invariant.LifetimeCounters, "lifetime_counters"), (Invariant.Rollups, "rollups"),
        (Invariant.CreditBalance, "credit_balance"), (Invariant.LagoOutbox, "lago_outbox"));

    public static IReadOnlyList<Invariant> Values => Table.Values;

    public static string Name(Invariant invariant) => Table.Name(invariant);

    public static bool TryParse(string? name, out Invariant invariant) => Table.TryParse(name, out invariant);
}
