using Billing.Domain.Usage;

namespace Billing.Domain.Ledger;

/// <summary>
/// Totals plus the same counters per model. The per-model list is bounded: past <see cref="MaxModels"/> distinct
/// models the rest are summed under <see cref="OtherModels"/>, so a stored row cannot grow without limit. The totals
/// are always exact.
/// </summary>
public sealed record UsageBreakdown(UsageCounters Total, IReadOnlyList<ModelUsage> Models)
{
    public const int MaxModels = 24;
    public const string OtherModels = "(other)";

    public static readonly UsageBreakdown Empty = new(UsageCounters.Zero, []);

    public bool IsEmpty => Total.IsZero;

    public UsageBreakdown Add(UsageEvent usage) => Add(usage.Model, usage.Provider, UsageCounters.Of(usage));

    public UsageBreakdown Add(string model, string? provider, UsageCounters counters)
    {
        var models = Models.ToList();
        var index = models.FindIndex(m => m.Model == model);
        if (index < 0 && models.Count >= MaxModels)
        {
            (model, provider) = (OtherModels, null);
            index = models.FindIndex(m => m.Model == OtherModels);
        }
        if (index < 0) models.Add(new ModelUsage(model, provider, counters));
        else models[index] = new ModelUsage(model, provider ?? models[index].Provider, models[index].Counters + counters);
        return new UsageBreakdown(Total + counters, models);
    }

    /// <summary>Both breakdowns together; the totals add exactly even where a model list was folded.</summary>
    public UsageBreakdown Add(UsageBreakdown other)
    {
        var sum = this;
        foreach (var model in other.Models) sum = sum.Add(model.Model, model.Provider, model.Counters);
        return sum with { Total = Total + other.Total };
    }

    /// <summary>Models by spend, then requests, then name; at most <paramref name="count"/>.</summary>
    public IReadOnlyList<ModelUsage> Top(int count) => Models
        .OrderByDescending(m => m.Counters.SpentNanos).ThenByDescending(m => m.Counters.Requests).ThenBy(m => m.Model, StringComparer.Ordinal)
        .Take(count).ToList();

    /// <summary>Only the models <paramref name="counts"/> accepts, with totals to match.</summary>
    public UsageBreakdown Where(Func<string, bool> counts)
    {
        var kept = Models.Where(m => counts(m.Model)).ToList();
        return kept.Count == Models.Count ? this : new UsageBreakdown(kept.Aggregate(UsageCounters.Zero, (sum, m) => sum + m.Counters), kept);
    }

    public bool Equals(UsageBreakdown? other) => other is not null && Total == other.Total && Models.SequenceEqual(other.Models);

    public override int GetHashCode() => HashCode.Combine(Total, Models.Count);
}
