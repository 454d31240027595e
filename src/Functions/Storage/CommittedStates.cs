using System.Collections.Concurrent;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The state row each subject had after this process's last commit to it (or its last read of it), so the next
/// transaction for the subject needs no read: its If-Match update is rejected (412) if anyone changed the row since, and the writer forgets the
/// entry and reads. Bounded: when full it starts over.
/// </summary>
internal sealed class CommittedStates(int maxEntries)
{
    private readonly ConcurrentDictionary<SubjectId, SubjectState> _states = new();

    public SubjectState? Find(SubjectId subject) => _states.TryGetValue(subject, out var state) ? state : null;

    public void Remember(SubjectState state)
    {
        if (_states.Count >= maxEntries) _states.Clear();
        _states[state.Subject] = state;
    }

    public void Forget(SubjectId subject) => _states.TryRemove(subject, out _);
}
