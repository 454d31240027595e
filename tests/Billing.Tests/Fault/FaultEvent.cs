namespace Billing.Tests.Fault;

/// <summary>One LiteLLM call of the fault run: its id, the subjects it names (user always; team and org sometimes), model, cost, tokens and start.</summary>
public sealed record FaultEvent(
    string Id,
    string User,
    string? Team,
    string? Org,
    string Model,
    decimal Cost,
    long PromptTokens,
    long CompletionTokens,
    DateTimeOffset StartedAt)
{
    /// <summary>The subjects (<c>kind:id</c>) whose ledgers this event counts in.</summary>
    public IEnumerable<string> Subjects
    {
        get
        {
            yield return "user:" + User;
            if (Team is not null) yield return "team:" + Team;
            if (Org is not null) yield return "org:" + Org;
        }
    }
}
