using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Infrastructure;

/// <summary>Builds usage events with sensible defaults: a successful call costing 0.001 at 2026-11-22T10:00Z.</summary>
public sealed class UsageEventBuilder
{
    private static int _sequence;
    private string _id = $"evt-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
    private UsageStatus _status = UsageStatus.Success;
    private long _at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private decimal _cost = 0.001m;
    private bool _cacheHit;
    private TokenCounts _tokens = new(100, 20, 0, 0);
    private List<SubjectId> _subjects = [new(SubjectKind.Team, "acme")];

    public UsageEventBuilder WithId(string id) { _id = id; return this; }
    public UsageEventBuilder WithCost(decimal cost) { _cost = cost; return this; }
    public UsageEventBuilder At(DateTimeOffset at) { _at = at.ToUnixTimeSeconds(); return this; }
    public UsageEventBuilder Failed() { _status = UsageStatus.Failure; return this; }
    public UsageEventBuilder CacheHit() { _cacheHit = true; return this; }
    public UsageEventBuilder WithTokens(long prompt, long completion) { _tokens = new(prompt, completion, 0, 0); return this; }
    public UsageEventBuilder For(params SubjectId[] subjects) { _subjects = [.. subjects]; return this; }

    public UsageEvent Build() => new(new UsageEventId(_id), _status, _at, "gpt-4o", "openai", _tokens, _cost, _cacheHit, _subjects);

    public static SubjectId Team(string id) => new(SubjectKind.Team, id);
    public static SubjectId Key(string id) => new(SubjectKind.Key, id);
}
