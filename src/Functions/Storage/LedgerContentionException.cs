using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>Transient: the subject's row kept changing under us. The queue redelivers the message.</summary>
public sealed class LedgerContentionException(SubjectId subject, int attempts)
    : Exception($"Gave up applying usage to {subject} after {attempts} conflicting attempts; the message will be retried.");
