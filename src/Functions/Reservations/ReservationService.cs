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
/// placed before it. Within a process one placement at a time runs per subject, on the state it last committed (no
/// read), so a hot subject costs one conditional write per reservation. Holds are settled by the ledger writer in
/// the transaction that applies the usage; expired holds stop counting at once and are dropped on the next write.
/// </summary>
public sealed class ReservationService(
    SubjectStore store,
    SubjectStateCache cache,
    BillingTables tables,
    ReservationIndex index,
    IOptions<ReservationOptions> options,
    IOptions<CheckOptions> check,
    IOptions<Credits.BillingOptions> billing,
    TimeProvider time)
{
    private const int MaxAttempts = 100;
    private readonly SubjectGates _gates = new();
    private readonly CommittedStates _states = new(100_000);

    public async Task<ReservationOutcome> ReserveAsync(IReadOnlyList<SubjectId> subjects, CheckEstimate estimate, string? reservationId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        var hold = new Hold(reservationId ?? "res_" + Guid.NewGuid().ToString("N"), MoneyUnits.ToNanos(estimate.Cost), estimate.Tokens, estimate.Model, now + options.Value.Ttl);
        var states = new List<SubjectState>();
        foreach (var subject in subjects) states.Add(_states.Find(subject) ?? await store.ReadAsync(subject, cancellationToken));
        var payer = billing.Value.PayerRule.Choose(subjects, s => states.First(x => x.Subject == s).IsPrepaid);
        var indexed = reservationId is null ? index.PutAsync(hold.Id, subjects, hold.ExpiresAt, cancellationToken) : Task.CompletedTask;

        var placed = new List<SubjectId>();
        for (var i = 0; i < subjects.Count; i++)
        {
            var subject = subjects[i];
            var (state, denial) = await _gates.RunAsync(subject, () => PlaceAsync(subject, hold, estimate, subject == payer, now, cancellationToken), cancellationToken);
            states[i] = state;
            if (denial is not null)
            {
                await indexed;
                foreach (var done in placed) await ReleaseOnAsync(done, hold.Id, cancellationToken);
                if (reservationId is null) await index.RemoveAsync(hold.Id, cancellationToken);
                return new ReservationOutcome(denial, null, null, states);
            }
            placed.Add(subject);
        }
        await indexed;
        var standings = states.Select(s => SubjectStanding.Of(s.Subject, s.Account, s.Ledger, now, s.HoldBook)).ToList();
        return new ReservationOutcome(new EntitlementDecision(true, "reserved", standings), hold.Id, hold.ExpiresAt, states);
    }

    /// <summary>Releases a hold everywhere it is; false when no reservation has that id.</summary>
    public async Task<bool> ReleaseAsync(string id, CancellationToken cancellationToken)
    {
        if (await index.FindAsync(id, cancellationToken) is not { } subjects) return false;
        foreach (var subject in subjects) await ReleaseOnAsync(subject, id, cancellationToken);
        await index.RemoveAsync(id, cancellationToken);
        return true;
    }

    private async Task<(SubjectState State, EntitlementDecision? Denial)> PlaceAsync(
        SubjectId subject, Hold hold, CheckEstimate estimate, bool isPayer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = _states.Find(subject) ?? await store.ReadAsync(subject, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // A retried reservation (the guardrail's call id again) holds once.
            if (state.HoldBook.Find(hold.Id) is { } existing && existing.IsActiveAt(now)) return (state, null);
            var standing = SubjectStanding.Of(subject, state.Account, state.Ledger, now, state.HoldBook);
            var payer = isPayer ? new PayerStanding(subject, checked(state.Book.BalanceNanos(now) - state.HoldBook.HeldNanos(now)), state.Account!.SuspendBelowNanos) : null;
            var suspended = state.Suspension is { } why ? new Dictionary<SubjectId, string> { [subject] = why } : null;
            var decision = EntitlementPolicy.Decide([standing], estimate, check.Value.UnknownSubjects, payer, suspended);
            if (!decision.Allowed) return (state, decision);
            // Nothing of this subject's can be overdrawn: no account, or no hard window for this model and not the payer.
            if (state.Account is null || (!isPayer && !standing.Windows.Any(w => w.Window.Mode == Domain.Budgets.BudgetMode.Hard && w.AppliesTo(hold.Model))))
                return (state, null);
            var holds = state.HoldBook.Add(hold, now);
            var row = new TableEntity(SubjectRow.PartitionKey(subject), SubjectRow.RowKey);
            HoldColumns.Write(row, holds);
            try
            {
                var response = await tables.Ledger.UpdateEntityAsync(row, state.ETag ?? ETag.All, TableUpdateMode.Merge, cancellationToken);
                var committed = state with { ETag = response.Headers.ETag, Holds = holds };
                Remember(committed);
                return (committed, null);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                _states.Forget(subject);
                state = await store.ReadAsync(subject, cancellationToken);
            }
        }
        throw new LedgerContentionException(subject, MaxAttempts);
    }

    private Task ReleaseOnAsync(SubjectId subject, string id, CancellationToken cancellationToken) =>
        _gates.RunAsync(subject, async () =>
        {
            var state = _states.Find(subject) ?? await store.ReadAsync(subject, cancellationToken);
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var holds = state.HoldBook.Remove([id], time.GetUtcNow());
                if (holds.Equals(state.HoldBook) || state.ETag is null) return true;
                var row = new TableEntity(SubjectRow.PartitionKey(subject), SubjectRow.RowKey);
                HoldColumns.Write(row, holds);
                try
                {
                    var response = await tables.Ledger.UpdateEntityAsync(row, state.ETag.Value, TableUpdateMode.Merge, cancellationToken);
                    Remember(state with { ETag = response.Headers.ETag, Holds = holds });
                    return true;
                }
                catch (RequestFailedException e) when (e.Status == 412)
                {
                    _states.Forget(subject);
                    state = await store.ReadAsync(subject, cancellationToken);
                }
            }
            throw new LedgerContentionException(subject, MaxAttempts);
        }, cancellationToken);

    private void Remember(SubjectState committed)
    {
        _states.Remember(committed);
        cache.Set(committed);
    }
}
