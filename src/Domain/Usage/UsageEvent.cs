using Billing.Domain.Prices;
using Billing.Domain.Subjects;

namespace Billing.Domain.Usage;

/// <summary>
/// One LLM call, normalised and compact: no prompt or completion text. <see cref="Cost"/> is what LiteLLM reported,
/// or what the price book priced when LiteLLM could not (<see cref="PriceSource"/>; an unpriced call costs 0);
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
        IReadOnlyList<SubjectId> subjects,
        PriceSource priceSource = PriceSource.LiteLlm)
    {
        Guard.That(id.Value is not null, "must be set", nameof(id));
        Guard.NotNegative(cost, nameof(cost));
        Guard.That(Enum.IsDefined(priceSource), "must be a known price source", nameof(priceSource));
        Guard.That(priceSource != PriceSource.Unpriced || cost == 0m, "an unpriced event costs 0", nameof(cost));
        Id = id;
        Status = status;
        OccurredAtEpochSeconds = occurredAtEpochSeconds;
        Model = model;
        Provider = provider;
        Tokens = tokens;
        Cost = cost;
        CacheHit = cacheHit;
        Subjects = subjects;
        PriceSource = priceSource;
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
    public PriceSource PriceSource { get; }

    /// <summary>The reservation the caller named (<c>metadata.requester_metadata.billing_reservation_id</c>); its hold settles with this event.</summary>
    public string? ReservationId { get; init; }

    /// <summary>The holds this event settles: the one keyed by its id (LiteLLM's call id) and the one it names.</summary>
    public IEnumerable<string> SettlesHolds => ReservationId is null || ReservationId == Id.Value ? [Id.Value] : [Id.Value, ReservationId];

    public DateTimeOffset OccurredAt => DateTimeOffset.FromUnixTimeSeconds(OccurredAtEpochSeconds);

    public decimal BilledCost => Status == UsageStatus.Success && !CacheHit ? Cost : 0m;

    /// <summary>The same call with the cost from another <paramref name="source"/> (the price book).</summary>
    public UsageEvent Repriced(decimal cost, PriceSource source) =>
        new(Id, Status, OccurredAtEpochSeconds, Model, Provider, Tokens, cost, CacheHit, Subjects, source) { ReservationId = ReservationId };
}
