namespace Billing.Domain.Credits;

/// <summary>
/// A subject's prepaid credits: its grants and the overdraft (usage no grant covered). Pure and exact in nanos.
/// The balance at an instant is what usable grants have left minus the overdraft, so an expired grant stops counting
/// at its expiry even before the rollover records it. Every change returns the entries that record it, and
/// balance = grants + syncs − burns − expiries − voids holds over the entries, exactly (a sync is signed). Usage already
/// made is never refused: what no grant covers becomes overdraft, and the next grant pays it off first.
/// </summary>
public sealed record CreditBook(IReadOnlyList<CreditGrant> Grants, long OverdraftNanos)
{
    public static readonly CreditBook Empty = new([], 0);

    /// <summary>The grant that mirrors the subject's Lago wallets. API grant ids cannot start with '@'.</summary>
    public const string LagoGrantId = "@lago";

    /// <summary>Burns before every API grant (their priorities are 0 to 1000): Lago charges its wallet for all usage.</summary>
    public const int LagoPriority = -1;

    /// <summary>Whether the subject has Lago wallets mirrored here: it is then prepaid, whatever its billing mode says.</summary>
    public bool HasLagoWallet => Grant(LagoGrantId) is { Voided: false };

    /// <summary>
    /// Sets the Lago mirror to <paramref name="balanceNanos"/>: Lago's ongoing balance less the spend Lago has not
    /// counted yet. Lago's figure already has every usage it counted, the overdraft's included, so the overdraft is
    /// replaced by the figure: what it is below 0 becomes the overdraft. Null (no usable wallet any more) empties the
    /// mirror but keeps it, so the subject stays prepaid and is denied rather than let through unfunded (voiding the
    /// <see cref="LagoGrantId"/> grant ends that). One <see cref="CreditEntryKind.Sync"/> entry records the signed change.
    /// </summary>
    public CreditChange MirrorLago(long? balanceNanos, DateTimeOffset at, string reference)
    {
        var existing = Grant(LagoGrantId);
        if (balanceNanos is not { } target)
        {
            if (existing is null || existing.Voided || existing.RemainingNanos == 0) return new CreditChange(this, []);
            var emptied = new CreditBook([.. Grants.Where(g => g.Id != LagoGrantId), existing with { RemainingNanos = 0 }], OverdraftNanos);
            return new CreditChange(emptied, [new CreditEntry(CreditEntryKind.Sync, LagoGrantId, -existing.RemainingNanos, at, reference)]);
        }
        var before = (existing is { Voided: false } ? existing.RemainingNanos : 0) - OverdraftNanos;
        var remaining = Math.Max(target, 0);
        var overdraft = target < 0 ? checked(-target) : 0;
        var grant = new CreditGrant(LagoGrantId, remaining, remaining, LagoPriority, at, null, "Lago wallets");
        var book = new CreditBook([.. Grants.Where(g => g.Id != LagoGrantId), grant], overdraft);
        var delta = checked(remaining - overdraft - before);
        return new CreditChange(book, delta == 0 ? [] : [new CreditEntry(CreditEntryKind.Sync, LagoGrantId, delta, at, reference)]);
    }

    public long BalanceNanos(DateTimeOffset now) =>
        checked(Grants.Where(g => g.IsUsableAt(now)).Sum(g => g.RemainingNanos) - OverdraftNanos);

    public CreditGrant? Grant(string id) => Grants.FirstOrDefault(g => g.Id == id);

    /// <summary>Adds <paramref name="grant"/> (remaining = amount), paying off any overdraft from it first.</summary>
    public (GrantOutcome Outcome, CreditChange Change) Add(CreditGrant grant)
    {
        Guard.That(grant.RemainingNanos == grant.AmountNanos && grant.AmountNanos > 0, "must be a new, positive grant", nameof(grant));
        if (Grant(grant.Id) is { } existing)
            return (existing.SameRequestAs(grant) ? GrantOutcome.AlreadyGranted : GrantOutcome.Conflict, new CreditChange(this, []));
        var payOff = grant.IsUsableAt(grant.GrantedAt) ? Math.Min(OverdraftNanos, grant.AmountNanos) : 0;
        var added = grant with { RemainingNanos = grant.AmountNanos - payOff };
        var book = new CreditBook([.. Grants, added], OverdraftNanos - payOff);
        return (GrantOutcome.Added, new CreditChange(book, [new CreditEntry(CreditEntryKind.Grant, grant.Id, grant.AmountNanos, grant.GrantedAt, grant.Reason)]));
    }

    /// <summary>
    /// Burns <paramref name="nanos"/> of usage made at <paramref name="at"/>: lower priority first, then the soonest
    /// expiry, then the oldest grant (OpenMeter's rule), among grants usable at that instant; the rest is overdraft.
    /// </summary>
    public CreditChange Burn(long nanos, DateTimeOffset at, string reference)
    {
        Guard.NotNegative(nanos, nameof(nanos));
        if (nanos == 0) return new CreditChange(this, []);
        var grants = Grants.ToList();
        var entries = new List<CreditEntry>();
        var left = nanos;
        foreach (var grant in BurnOrder(grants.Where(g => g.IsUsableAt(at))).ToList())
        {
            var take = Math.Min(left, grant.RemainingNanos);
            grants[grants.IndexOf(grant)] = grant with { RemainingNanos = grant.RemainingNanos - take };
            entries.Add(new CreditEntry(CreditEntryKind.Burn, grant.Id, take, at, reference));
            left -= take;
            if (left == 0) break;
        }
        if (left > 0) entries.Add(new CreditEntry(CreditEntryKind.Burn, null, left, at, reference));
        return new CreditChange(new CreditBook(grants, checked(OverdraftNanos + left)), entries);
    }

    /// <summary>
    /// Burns the billed cost of <paramref name="paid"/> (events this subject pays for), each at its own time, and records
    /// one entry per grant (and one for the overdraft) for the whole set: a posting of 98 events adds a row or two, not
    /// 98. The entries' reference is the first event's id with the count, unique because events apply exactly once.
    /// </summary>
    public CreditChange BurnEvents(IReadOnlyList<Usage.UsageEvent> paid)
    {
        var billed = paid.Where(e => e.BilledCost > 0).OrderBy(e => e.OccurredAtEpochSeconds).ToList();
        if (billed.Count == 0) return new CreditChange(this, []);
        var reference = billed.Count == 1 ? billed[0].Id.Value : $"{billed[0].Id.Value}+{billed.Count - 1}";
        var book = this;
        var burned = new Dictionary<string, long>();
        foreach (var usage in billed)
        {
            var change = book.Burn(Money.MoneyUnits.ToNanos(usage.BilledCost), usage.OccurredAt, reference);
            book = change.Book;
            foreach (var entry in change.Entries) burned[entry.GrantId ?? ""] = burned.GetValueOrDefault(entry.GrantId ?? "") + entry.AmountNanos;
        }
        var at = billed[^1].OccurredAt;
        return new CreditChange(book, burned.Select(b => new CreditEntry(CreditEntryKind.Burn, b.Key.Length == 0 ? null : b.Key, b.Value, at, reference)).ToList());
    }

    /// <summary>Records the expiry of every grant whose expiry has passed at <paramref name="now"/> with credit left.</summary>
    public CreditChange ExpireDue(DateTimeOffset now)
    {
        var entries = new List<CreditEntry>();
        var grants = Grants.Select(g =>
        {
            if (g.Voided || g.ExpiryRecorded || g.ExpiresAt is not { } expires || expires > now) return g;
            if (g.RemainingNanos > 0) entries.Add(new CreditEntry(CreditEntryKind.Expiry, g.Id, g.RemainingNanos, expires, null));
            return g with { RemainingNanos = 0, ExpiryRecorded = true };
        }).ToList();
        return new CreditChange(entries.Count == 0 && grants.SequenceEqual(Grants) ? this : this with { Grants = grants }, entries);
    }

    /// <summary>Voids what is left of a grant; null when there is no such grant. Voiding twice records nothing more.</summary>
    public CreditChange? Void(string id, DateTimeOffset now)
    {
        if (Grant(id) is not { } grant) return null;
        if (grant.Voided) return new CreditChange(this, []);
        var left = grant.ExpiryRecorded ? 0 : grant.RemainingNanos;
        var grants = Grants.Select(g => g.Id == id ? g with { Voided = true, RemainingNanos = 0 } : g).ToList();
        return new CreditChange(this with { Grants = grants }, left > 0 ? [new CreditEntry(CreditEntryKind.Void, id, left, now, null)] : []);
    }

    /// <summary>When the next unrecorded expiry falls; null when none will.</summary>
    public DateTimeOffset? NextExpiry => Grants.Where(g => !g.Voided && !g.ExpiryRecorded && g.RemainingNanos > 0 && g.ExpiresAt is not null)
        .Select(g => g.ExpiresAt).Min();

    public static IEnumerable<CreditGrant> BurnOrder(IEnumerable<CreditGrant> grants) => grants
        .OrderBy(g => g.Priority)
        .ThenBy(g => g.ExpiresAt ?? DateTimeOffset.MaxValue)
        .ThenBy(g => g.GrantedAt)
        .ThenBy(g => g.Id, StringComparer.Ordinal);

    public bool Equals(CreditBook? other) => other is not null && OverdraftNanos == other.OverdraftNanos && Grants.SequenceEqual(other.Grants);

    public override int GetHashCode() => HashCode.Combine(OverdraftNanos, Grants.Count);
}
