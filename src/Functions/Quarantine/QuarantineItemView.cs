using System.Text.Json.Serialization;
using Billing.Functions.Storage;

namespace Billing.Functions.Quarantine;

/// <summary>
/// One quarantined element or message. <see cref="Raw"/> only in <c>GET /api/quarantine/{id}</c>, never in the list.
/// <see cref="Replay"/> is the outcome of the last successful replay; <see cref="ReplayError"/> the last failed one's.
/// </summary>
public sealed record QuarantineItemView(
    string Id,
    string Source,
    int? Index,
    string Reason,
    DateTimeOffset ReceivedAt,
    int RawLength,
    bool Truncated,
    DateTimeOffset? ReplayedAt,
    QuarantineReplayView? Replay,
    string? ReplayError,
    DateTimeOffset? ReplayFailedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Raw { get; init; }

    public static QuarantineItemView Of(QuarantineRow row) => new(
        row.Key.Id, row.Source, row.Index, row.Reason, row.ReceivedAt, row.RawLength, row.Truncated, row.ReplayedAt,
        row.Replay is { } r ? new QuarantineReplayView(r.Events, r.Applied, r.Duplicates) : null, row.ReplayError, row.ReplayFailedAt)
    {
        Raw = row.Raw,
    };
}
