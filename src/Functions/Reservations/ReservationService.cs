using Azure;
using Azure.Data.Tables;
using Billing.Domain.Entitlements;
using Billing.Domain.Money;
using Billing.Domain.Reservations;
using Billing.Domain.Subjects;
using Billing.Functions.Entitlements;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Reservations;

/// <summary>
/// Atomic holds. A reservation is placed subject by subject: each subject's decision is made on its state row with the
/// holds already on it, and the new hold is written with If-Match on that row, so two instances can never both take
/// the last of a budget (the loser's 412 rereads and decides again). A denial on a later subject releases the holds
/// placed before it. Within a process the placements that meet on a subject are placed together, one batch at a time,
/// on the state it last committed (no read) and with one conditional write per batch (<see cref="PlacementBatches"/>),
/// so a hot subject costs at most one write per reservation and far fewer under load. Holds are settled by the ledger writer in
/// the transaction that applies the usage; expired holds stop counting at once and are dropped on the next write.
/// </summary>
public sealed class ReservationService(
    SubjectStore store,
    SubjectStateCache cache,
    BillingTables tables,
    IOptions<ReservationOptions> options,
    IOptions<CheckOptions> check,
    IOptions<Credits.BillingOptions> billing,
    TimeProvider time)
{
    private const int MaxAttempts = 100;
    private readonly PlacementBatches _batches = new(new SubjectGates());
    private readonly CommittedStates _states = new(100_000);

    public async Task<ReservationOutcome> ReserveAsync(IReadOnlyList<SubjectId> subjects, CheckEstimate estimate, string? reservationId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var id = reservationId ?? ReservationIds.New(subjects) ?? throw new ArgumentException("The subjects are too long together to name in a reservation id.", nameof(subjects));
        var hold = new Hold(id, MoneyUnits.ToNanos(estimate.Cost), estimate.Tokens, estimate.Model, now + options.Value.Ttl);
        var states = new List<SubjectState>();
        foreach (var subject in subjects) states.Add(_states.Find(subject) ?? await ReadAsync(subject, cancellationToken));
        var payer = billing.Value.PayerRule.Choose(subjects, s => states.First(x => x.Subject == s).IsPrepaid);

        // Holds this call added (a retried id that was held already is not ours to release).
        var placed = new List<SubjectId>();
        try
        {
            for (var i = 0; i < subjects.Count; i++)
            {
                var subject = subjects[i];
                var heldBefore = states[i].HoldBook.Find(hold.Id) is { } before && before.IsActiveAt(now);
                var (state, denial) = await _batches.PlaceAsync(subject, new Placement(hold, estimate, subject == payer, now), batch => PlaceAllAsync(subject, batch), CancellationToken.None);
                states[i] = state;
                if (denial is not null)
                {
                    await ReleaseAllAsync(placed, hold.Id);
                    return new ReservationOutcome(denial, null, null, states);
                }
                if (!heldBefore && state.HoldBook.Find(hold.Id) is not null) placed.Add(subject);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            // Cancelled or failed half-way: the holds placed so far would count until they expire; take them back.
            await ReleaseAllAsync(placed, hold.Id);
            throw;
        }
        var standings = states.Select(s => SubjectStanding.Of(s.Subject, s.Account, s.Ledger, now, s.HoldBook)).ToList();
        return new ReservationOutcome(new EntitlementDecision(true, "reserved", standings), hold.Id, hold.ExpiresAt, states);
    }

    private async Task ReleaseAllAsync(IEnumerable<SubjectId> subjects, string id)
    {
        foreach (var subject in subjects) await ReleaseOnAsync(subject, id, CancellationToken.None);
    }

    /// <summary>
    /// Releases a check-made reservation (its id names its subjects) wherever it is still held; false when the id is
    /// not one the check made, or no subject holds it any more (released, settled by its usage, or expired).
    /// </summary>
    public async Task<bool> ReleaseAsync(string id, CancellationToken cancellationToken)
    {
        if (ReservationIds.Subjects(id) is not { } subjects) return false;
        var released = false;
        foreach (var subject in subjects) released |= await ReleaseOnAsync(subject, id, cancellationToken);
        return released;
    }

    /// <summary>
    /// Places a batch of holds on one subject (<see cref="PlacementBatches"/>), in order, with one If-Match write for
    /// all that need one. On 412 the subject is reread and the whole batch decided again. Runs for the whole batch,
    /// so it is not cancelled by any one caller.
    /// </summary>
    private async Task<Placed[]> PlaceAllAsync(SubjectId subject, IReadOnlyList<Placement> batch)
    {
        var remembered = _states.Find(subject);
        var state = remembered ?? await store.ReadAsync(subject, CancellationToken.None);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var holds = state.HoldBook;
            var denials = new EntitlementDecision?[batch.Count];
            var decided = new SubjectState[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                decided[i] = state with { Holds = holds };
                (denials[i], holds) = Decide(subject, decided[i], batch[i]);
            }
            // A denial stands only on the row as it is: the remembered state misses settlements and releases made elsewhere.
            if ((remembered is not null && denials.Any(d => d is not null)) || (state.ETag is null && !holds.Equals(state.HoldBook)))
            {
                remembered = null;
                _states.Forget(subject);
                state = await store.ReadAsync(subject, CancellationToken.None);
                continue;
            }
            if (holds.Equals(state.HoldBook)) return [.. decided.Select((d, i) => new Placed(d, denials[i]))];
            if (await TryWriteHoldsAsync(state, holds, CancellationToken.None) is { } committed)
                return [.. decided.Select((d, i) => new Placed(denials[i] is null ? committed : d, denials[i]))];
            remembered = null;
            state = await store.ReadAsync(subject, CancellationToken.None);
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    /// <summary>
    /// Writes <paramref name="holds"/> over <paramref name="state"/>'s row with If-Match on its ETag: the committed state,
    /// or null when another writer got there first (412; the remembered state is forgotten, the caller rereads).
    /// </summary>
    private async Task<SubjectState?> TryWriteHoldsAsync(SubjectState state, HoldBook holds, CancellationToken cancellationToken)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(state.Subject), SubjectRow.RowKey);
        HoldColumns.Write(row, holds);
        try
        {
            var response = await tables.Ledger.UpdateEntityAsync(row, state.ETag!.Value, TableUpdateMode.Merge, cancellationToken);
            var committed = state with { ETag = response.Headers.ETag, Holds = holds };
            Remember(committed);
            return committed;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            _states.Forget(state.Subject);
            return null;
        }
    }

    /// <summary>A read that the next placement on the subject starts from (its If-Match guards it).</summary>
    private async Task<SubjectState> ReadAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(subject, cancellationToken);
        _states.Remember(state);
        return state;
    }

    /// <summary>One placement's decision on <paramref name="state"/> (with the holds placed before it in its batch): its denial, and the holds after it.</summary>
    private (EntitlementDecision? Denial, HoldBook Holds) Decide(SubjectId subject, SubjectState state, Placement placement)
    {
        var (hold, now) = (placement.Hold, placement.Now);
        // A retried reservation (the guardrail's call id again) holds once.
        if (state.HoldBook.Find(hold.Id) is { } existing && existing.IsActiveAt(now)) return (null, state.HoldBook);
        var standing = SubjectStanding.Of(subject, state.Account, state.Ledger, now, state.HoldBook);
        var payer = placement.IsPayer ? new PayerStanding(subject, checked(state.Book.BalanceNanos(now) - state.HoldBook.HeldNanos(now)), state.Account!.SuspendBelowNanos) : null;
        var suspended = state.Suspension is { } why ? new Dictionary<SubjectId, string> { [subject] = why } : null;
        var decision = EntitlementPolicy.Decide([standing], placement.Estimate, check.Value.UnknownSubjects, payer, suspended);
        if (!decision.Allowed) return (decision, state.HoldBook);
        // Nothing of this subject's can be overdrawn: no account, or no hard window for this model and not the payer.
        if (state.Account is null || (!placement.IsPayer && !standing.Windows.Any(w => w.Window.Mode == Domain.Budgets.BudgetMode.Hard && w.AppliesTo(hold.Model))))
            return (null, state.HoldBook);
        // The holds live in the state row; past the cap, or past what fits, the call is denied with a reason, never a 500.
        if (state.HoldBook.ActiveAt(now).Count() >= options.Value.MaxHoldsPerSubject || HoldColumns.Size(state.HoldBook, now) + HoldColumns.Size(hold) > HoldColumns.MaxChars)
            return (new EntitlementDecision(false, $"{subject} has {options.Value.MaxHoldsPerSubject} reservations in flight, the most it can hold; "
                + "settle or release some, or shorten Check:Reservations:Ttl", [standing], new Denial(subject, null)) { Code = DecisionReason.TooManyReservations }, state.HoldBook);
        return (null, state.HoldBook.Add(hold, now));
    }

    /// <summary>Removes the hold from the subject's row as it is now (read, not remembered: another instance may have placed it); true when it was there.</summary>
    private Task<bool> ReleaseOnAsync(SubjectId subject, string id, CancellationToken cancellationToken) =>
        _batches.RunAloneAsync(subject, async () =>
        {
            var state = await store.ReadAsync(subject, cancellationToken);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var now = time.GetUtcNow();
                if (state.ETag is null || state.HoldBook.Find(id) is not { } held || !held.IsActiveAt(now)) return false;
                if (await TryWriteHoldsAsync(state, state.HoldBook.Remove([id], now), cancellationToken) is not null) return true;
                state = await store.ReadAsync(subject, cancellationToken);
            }
            throw new LedgerContentionException(subject, MaxAttempts);
        }, cancellationToken);

    private void Remember(SubjectState committed)
    {
        _states.Remember(committed);
        cache.Set(committed);
    }
}
