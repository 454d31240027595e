using System.Collections.Concurrent;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// When this process last wrote a subject's Lago push job, so a busy subject's transactions do not each write it again.
/// The job is rewritten at least every <see cref="Refresh"/>; the push removes a job only when its outbox is empty and
/// the job is older than its orphan age (minutes longer than <see cref="Refresh"/> plus a storage request's timeout), so
/// a transaction that skipped the write has committed, and is visible, before its job can go.
/// </summary>
internal sealed class OutboxJobs
{
    public static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<SubjectId, DateTimeOffset> _written = new();

    public bool IsDue(SubjectId subject, DateTimeOffset now) =>
        !_written.TryGetValue(subject, out var at) || now - at >= Refresh || now < at;

    public void Written(SubjectId subject, DateTimeOffset now)
    {
        if (_written.Count >= MaxRemembered) _written.Clear();
        _written[subject] = now;
    }
}
