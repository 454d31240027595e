namespace Billing.Functions.Storage;

/// <summary>
/// A quarantine row as the API shows it. <see cref="Raw"/> is null when the row was listed (the list never reads the
/// raw text). <see cref="Replay"/> is the last successful replay, <see cref="ReplaySubjects"/> the subjects it applied
/// to (null on rows replayed before they were recorded); <see cref="ReplayError"/> the failed replay since, if any.
/// </summary>
public sealed record QuarantineRow(
    QuarantineKey Key,
    string Source,
    int? Index,
    string Reason,
    DateTimeOffset ReceivedAt,
    int RawLength,
    bool Truncated,
    string? Raw,
    DateTimeOffset? ReplayedAt,
    QuarantineReplay? Replay,
    string? ReplayError,
    DateTimeOffset? ReplayFailedAt,
    IReadOnlyList<string>? ReplaySubjects = null);
