using Billing.Domain.Lago;

namespace Billing.Functions.Lago;

/// <summary>
/// Sends one batch of outbox events until each has an outcome or Lago says to stop. Lago takes a batch whole or not at
/// all: a 422 names the events it refused by index, and nothing of that batch was stored. Events it already holds
/// (<c>value_already_exist</c>) are settled as such; events refused for any other reason are parked; the rest are sent
/// again. A 422 that names no event (a self-hosted Lago with a smaller batch limit answers <c>too_many_events</c>)
/// splits the batch in halves until the event it is about stands alone, and parks that one. Every resend is strictly
/// smaller, so this never loops. A 429 or a failure stops the batch: its events stay in the outbox.
/// </summary>
public sealed class LagoBatchSender(LagoClient client)
{
    public async Task<LagoBatchResult> SendAsync(IReadOnlyList<OutboxEvent> events, string code, CancellationToken cancellationToken)
    {
        var outcomes = new List<LagoEventOutcome>(events.Count);
        var remaining = new List<(OutboxEvent Event, LagoEvent Lago)>(events.Count);
        foreach (var e in events)
        {
            // An event Lago's input cannot express (a blank id, say) is parked here: it must not block the others.
            try
            {
                remaining.Add((e, LagoEventMapper.ToLago(e, code)));
            }
            catch (ArgumentException invalid)
            {
                outcomes.Add(new LagoEventOutcome(e, LagoOutcome.Parked, "not a valid Lago event: " + invalid.Message));
            }
        }
        var stop = await SendAsync(remaining, outcomes, cancellationToken);
        return stop is null ? new LagoBatchResult(outcomes, null) : new LagoBatchResult([], stop);
    }

    private async Task<LagoStop?> SendAsync(List<(OutboxEvent Event, LagoEvent Lago)> remaining, List<LagoEventOutcome> outcomes, CancellationToken cancellationToken)
    {
        while (remaining.Count > 0)
        {
            var answer = await client.PostEventsAsync(remaining.Select(r => r.Lago).ToList(), cancellationToken);
            switch (answer)
            {
                case LagoBatchOutcome.Accepted:
                    outcomes.AddRange(remaining.Select(r => new LagoEventOutcome(r.Event, LagoOutcome.Pushed)));
                    return null;
                case LagoBatchOutcome.Rejected rejected when rejected.OtherErrors.Count > 0 || rejected.EventErrors.Count == 0
                    || rejected.EventErrors.Keys.Any(i => i < 0 || i >= remaining.Count):
                    if (remaining.Count == 1)
                    {
                        outcomes.Add(new LagoEventOutcome(remaining[0].Event, LagoOutcome.Parked, "Lago refused it: " + Describe(rejected.OtherErrors)));
                        return null;
                    }
                    var half = remaining.Count / 2;
                    return await SendAsync(remaining[..half], outcomes, cancellationToken) ?? await SendAsync(remaining[half..], outcomes, cancellationToken);
                case LagoBatchOutcome.Rejected rejected:
                    foreach (var (index, errors) in rejected.EventErrors)
                    {
                        outcomes.Add(rejected.IsAlreadyExisting(index)
                            ? new LagoEventOutcome(remaining[index].Event, LagoOutcome.AlreadyInLago)
                            : new LagoEventOutcome(remaining[index].Event, LagoOutcome.Parked, Describe(errors)));
                    }
                    var settled = rejected.EventErrors.Keys.ToHashSet();
                    remaining = remaining.Where((_, i) => !settled.Contains(i)).ToList();
                    break;
                case LagoBatchOutcome.Failed failed:
                    return LagoStop.Of(failed.Failure);
                default:
                    throw new InvalidOperationException($"Unknown Lago answer {answer.GetType().Name}.");
            }
        }
        return null;
    }

    private static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        errors.Count == 0 ? "no details" : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}

/// <summary>The outcome of every event of a batch, or why the batch stopped (then no event has one).</summary>
public sealed record LagoBatchResult(IReadOnlyList<LagoEventOutcome> Outcomes, LagoStop? Stop);

/// <summary>Why a push or pull stopped; <see cref="RetryAfter"/> when Lago said how long to wait, else the sync backs off.</summary>
public sealed record LagoStop(string Reason, TimeSpan? RetryAfter, LagoStopKind Kind = LagoStopKind.Unavailable)
{
    public static LagoStop Of(LagoFailure failure) => failure switch
    {
        LagoFailure.Throttled t => new LagoStop("Lago answered 429 Too Many Requests", t.RetryAfter, LagoStopKind.Throttled),
        LagoFailure.Unavailable u => new LagoStop("Lago is unavailable: " + u.Reason, null),
        LagoFailure.Refused r => new LagoStop($"Lago refused the request ({r.Status}): {r.Error}{(r.Code is null ? "" : " " + r.Code)}", null, LagoStopKind.Refused),
        _ => throw new InvalidOperationException($"Unknown Lago failure {failure.GetType().Name}."),
    };
}

public enum LagoStopKind
{
    Throttled,
    Unavailable,
    Refused,
}
