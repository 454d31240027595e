using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Domain.Lago;

/// <summary>
/// Which subject Lago charges for an event: the event's subject of kind <see cref="ChargeBy"/> (LiteLLM's
/// <c>LAGO_API_CHARGE_BY</c>). An event without one, or one that failed, is not billable in Lago; LiteLLM's own Lago
/// callback refuses such events too. A cache hit is billable at its billed cost, 0.
/// </summary>
public sealed record ChargeRule(SubjectKind ChargeBy)
{
    public static readonly ChargeRule Default = new(SubjectKind.Team);

    /// <summary>The subject charged for <paramref name="usage"/>; null when the event is not billable in Lago.</summary>
    public SubjectId? Charged(UsageEvent usage)
    {
        if (usage.Status != UsageStatus.Success) return null;
        foreach (var subject in usage.Subjects)
        {
            if (subject.Kind == ChargeBy) return subject;
        }
        return null;
    }

    /// <summary>The events of <paramref name="events"/> that <paramref name="subject"/> is charged for, as they go to Lago.</summary>
    public IReadOnlyList<OutboxEvent> Outbox(SubjectId subject, LagoLink link, IEnumerable<UsageEvent> events)
    {
        if (subject.Kind != ChargeBy) return [];
        var subscription = link.SubscriptionOf(subject);
        return events.Where(e => Charged(e) == subject).Select(e => OutboxEvent.Of(e, subscription)).ToList();
    }

    /// <summary>
    /// Parses a subject kind (<c>team</c>, <c>user</c>, <c>end_user</c>, <c>org</c>, <c>key</c>) or LiteLLM's spelling
    /// (<c>team_id</c>, <c>user_id</c>, <c>end_user_id</c>); empty means the default, <c>team</c>.
    /// </summary>
    public static bool TryParse(string? text, out ChargeRule rule)
    {
        rule = Default;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var name = text.Trim();
        if (name.EndsWith("_id", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        if (!SubjectKinds.TryParse(name, out var kind)) return false;
        rule = new ChargeRule(kind);
        return true;
    }
}
