namespace Billing.Domain.Reconciliation;

/// <summary>What the ledger promises about its own rows; <see cref="InvariantNames"/> holds the wire names.</summary>
public enum Invariant
{
    /// <summary>The state row's lifetime counters equal the sums over the applied-usage rows.</summary>
    LifetimeCounters,

    /// <summary>The hourly roll-up rows plus the state's latest hour sum to the lifetime counters.</summary>
    Rollups,

    /// <summary>The credit book's balance (and each grant's remaining) equals what the credit entries add up to.</summary>
    CreditBalance,

    /// <summary>Every applied event Lago charges the subject for is in its outbox or recorded as answered by Lago.</summary>
    LagoOutbox,
}
