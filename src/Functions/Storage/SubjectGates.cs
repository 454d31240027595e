using System.Collections.Concurrent;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// One writer at a time per subject in this process. Parallel consumers that hold events for the same subject
/// would otherwise race on its state row, and every loser's transaction is rejected (412) and sent again: with one
/// hot subject almost all of them. Writers in other instances still meet at the If-Match update. A gate exists only
/// while someone holds or waits for it, so memory stays bounded by the work in flight.
/// </summary>
internal sealed class SubjectGates
{
    private readonly ConcurrentDictionary<SubjectId, Gate> _gates = new();

    public async Task<T> RunAsync<T>(SubjectId subject, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = Join(subject);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Leave(subject, gate);
        }
    }

    private Gate Join(SubjectId subject)
    {
        while (true)
        {
            var gate = _gates.GetOrAdd(subject, static _ => new Gate());
            lock (gate)
            {
                if (gate.Users >= 0)
                {
                    gate.Users++;
                    return gate;
                }
            }
            // Retired between GetOrAdd and the lock: its last user removed it; take the new one.
        }
    }

    private void Leave(SubjectId subject, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users > 0) return;
            gate.Users = -1;
            _gates.TryRemove(new KeyValuePair<SubjectId, Gate>(subject, gate));
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Holders and waiters; -1 once retired.</summary>
        public int Users { get; set; }
    }
}
