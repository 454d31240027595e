using Billing.Domain.Lago;

namespace Billing.Functions.Lago;

/// <summary>
/// Sends one batch of outbox events until each has an outcome or Lago says to stop. Lago takes a batch whole or not at
/// all: a 422 names the events it refused by index, and nothing of that batch was stored. Events it already holds
/// (<c>value_already_exist</c>) are settled as such; events refused for any other reason are parked; the rest are sent
/// again. Every resend is strictly smaller, so this never loops. A 429, a failure or a 422 that names no event stops
/// the batch: its events stay in the outbox.
/// </summary>
public sealed class LagoBatchSender(LagoClient client)
{
    public async Task<LagoBatchResult> SendAsync(IReadOnlyList<OutboxEvent> events, string code, CancellationToken cancellationToken)
    {
        var outcomes = new List<LagoEventOutcome>(events.Count);
        var remaining = events.ToList();
        while (remaining.Count > 0)
        {
            var answer = await client.PostEventsAsync(remaining.Select(e => LagoEventMapper.ToLago(e, code)).ToList(), cancellationToken);
            switch (answer)
            {
                case LagoBatchOutcome.Accepted:
                    outcomes.AddRange(remaining.Select(e => new LagoEventOutcome(e, LagoOutcome.Pushed)));
                    remaining.Clear();
                    break;
                case LagoBatchOutcome.Rejected rejected:
                    if (Resolve(rejected, remaining, outcomes) is { } stop) return new LagoBatchResult([], stop);
                    break;
                case LagoBatchOutcome.Failed failed:
                    return new LagoBatchResult([], LagoStop.Of(failed.Failure));
                default:
                    throw new InvalidOperationException($"Unknown Lago answer {answer.GetType().Name}.");
            }
        }
        return new LagoBatchResult(outcomes, null);
    }

    /// <summary>Settles the events a 422 names and leaves the rest in <paramref name="remaining"/>; a stop when it names none.</summary>
    private static LagoStop? Resolve(LagoBatchOutcome.Rejected rejected, List<OutboxEvent> remaining, List<LagoEventOutcome> outcomes)
    {
        if (rejected.OtherErrors.Count > 0 || rejected.EventErrors.Count == 0 || rejected.EventErrors.Keys.Any(i => i < 0 || i >= remaining.Count))
            return new LagoStop("Lago refused the batch as a whole: " + Describe(rejected.OtherErrors), null);
        foreach (var (index, errors) in rejected.EventErrors)
        {
            outcomes.Add(rejected.IsAlreadyExisting(index)
                ? new LagoEventOutcome(remaining[index], LagoOutcome.AlreadyInLago)
                : new LagoEventOutcome(remaining[index], LagoOutcome.Parked, Describe(errors)));
        }
        var settled = rejected.EventErrors.Keys.ToHashSet();
        var left = remaining.Where((_, i) => !settled.Contains(i)).ToList();
        remaining.Clear();
        remaining.AddRange(left);
        return null;
    }

    private static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        errors.Count == 0 ? "no details" : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}

/// <summary>The outcome of every event of a batch, or why the batch stopped (then no event has one).</summary>
public sealed record LagoBatchResult(IReadOnlyList<LagoEventOutcome> Outcomes, LagoStop? Stop);

/// <summary>Why a push or pull stopped; <see cref="RetryAfter"/> when Lago said how long to wait, else the sync backs off.</summary>
public sealed record LagoStop(string Reason, TimeSpan? RetryAfter)
{
    public static LagoStop Of(LagoFailure failure) => failure switch
    {
        LagoFailure.Throttled t => new LagoStop("Lago answered 429 Too Many Requests", t.RetryAfter),
        LagoFailure.Unavailable u => new LagoStop("Lago is unavailable: " + u.Reason, null),
        LagoFailure.Refused r => new LagoStop($"Lago refused the request ({r.Status}): {r.Error}{(r.Code is null ? "" : " " + r.Code)}", null),
        _ => throw new InvalidOperationException($"Unknown Lago failure {failure.GetType().Name}."),
    };
}
