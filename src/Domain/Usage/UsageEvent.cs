using Billing.Domain.Subjects;

namespace Billing.Domain.Usage;

/// <summary>
/// One LLM call, normalised and compact: no prompt or completion text. <see cref="Cost"/> is what LiteLLM reported;
/// <see cref="BilledCost"/> is what the ledger applies (failures and cache hits cost nothing but still count as requests).
/// </summary>
public sealed record UsageEvent
{
    public UsageEvent(
        UsageEventId id,
        UsageStatus status,
        long occurredAtEpochSeconds,
        string model,
        string? provider,
        TokenCounts tokens,
        decimal cost,
        bool cacheHit,
        IReadOnlyList<SubjectId> subjects)
    {
        Guard.That(id.Value is not null, "must be set", nameof(id));
        Guard.NotNegative(cost, nameof(cost));
        Id = id;
        Status = status;
        OccurredAtEpochSeconds = occurredAtEpochSeconds;
        Model = model;
        Provider = provider;
        Tokens = tokens;
        Cost = cost;
        CacheHit = cacheHit;
        Subjects = subjects;
    }

    public UsageEventId Id { get; }
    public UsageStatus Status { get; }
    public long OccurredAtEpochSeconds { get; }
    public string Model { get; }
    public string? Provider { get; }
    public TokenCounts Tokens { get; }
    public decimal Cost { get; }
    public bool CacheHit { get; }
    public IReadOnlyList<SubjectId> Subjects { get; }

    public DateTimeOffset OccurredAt => DateTimeOffset.FromUnixTimeSeconds(OccurredAtEpochSeconds);

    public decimal BilledCost => Status == UsageStatus.Success && !CacheHit ? Cost : 0m;
}
