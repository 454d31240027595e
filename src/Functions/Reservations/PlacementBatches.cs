using System.Collections.Concurrent;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;

namespace Billing.Functions.Reservations;

/// <summary>
/// Group commit of holds. Placements on one subject that arrive while its gate is busy join one open batch; the
/// placement that opened the batch leads it: it waits for the gate, closes the batch and places every hold in it with
/// one If-Match write, in arrival order, so each decision sees the holds before it as if placed one by one. A hot
/// subject then costs one conditional write per batch instead of per reservation, and each write carries its hold
/// list once for the whole batch. The batch is shared, so it runs to the end even if its leader's caller gives up;
/// each caller stops waiting on its own token.
/// </summary>
internal sealed class PlacementBatches(SubjectGates gates)
{
    private readonly ConcurrentDictionary<SubjectId, Batch> _open = new();

    /// <summary>Places <paramref name="placement"/> in a batch; <paramref name="placeAll"/> places a whole batch and answers for each, in order.</summary>
    public async Task<Placed> PlaceAsync(SubjectId subject, Placement placement, Func<IReadOnlyList<Placement>, Task<Placed[]>> placeAll, CancellationToken cancellationToken)
    {
        var batch = Join(subject, placement);
        if (batch.Leader == placement) await LeadAsync(subject, batch, placeAll);
        return await placement.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Work on the subject's holds that must not overlap a batch (a release), one at a time with them.</summary>
    public Task<T> RunAloneAsync<T>(SubjectId subject, Func<Task<T>> work, CancellationToken cancellationToken) => gates.RunAsync(subject, work, cancellationToken);

    private Batch Join(SubjectId subject, Placement placement)
    {
        while (true)
        {
            var batch = _open.GetOrAdd(subject, static (_, first) => new Batch(first), placement);
            lock (batch)
            {
                if (batch.Closed) continue; // taken by its leader since GetOrAdd; a new one opens
                if (batch.Leader != placement) batch.Items.Add(placement);
                return batch;
            }
        }
    }

    private Task LeadAsync(SubjectId subject, Batch batch, Func<IReadOnlyList<Placement>, Task<Placed[]>> placeAll) =>
        gates.RunAsync(subject, async () =>
        {
            _open.TryRemove(new KeyValuePair<SubjectId, Batch>(subject, batch));
            List<Placement> items;
            lock (batch)
            {
                batch.Closed = true;
                items = batch.Items;
            }
            try
            {
                var placed = await placeAll(items);
                for (var i = 0; i < items.Count; i++) items[i].Result.TrySetResult(placed[i]);
            }
            catch (Exception e)
            {
                foreach (var item in items) item.Result.TrySetException(e);
            }
            return true;
        }, CancellationToken.None);

    private sealed class Batch(Placement leader)
    {
        public Placement Leader { get; } = leader;
        public List<Placement> Items { get; } = [leader];
        public bool Closed { get; set; }
    }
}
