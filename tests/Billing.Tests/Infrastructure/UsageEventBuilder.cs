using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// Builds usage events: by default a successful gpt-4o call for <c>team:acme</c> costing 0.001 with 100 prompt and
/// 20 completion tokens, at noon on Wednesday 2026-11-18 (UTC), with an id unique across test runs.
/// </summary>
public sealed class UsageEventBuilder
{
    public static readonly DateTimeOffset DefaultTime = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private static int _sequence;
    private string _id = $"evt-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
    private UsageStatus _status = UsageStatus.Success;
    private long _at = DefaultTime.ToUnixTimeSeconds();
    private string _model = "gpt-4o";
    private string? _provider = "openai";
    private TokenCounts _tokens = new(100, 20, 0, 0);
    private decimal _cost = 0.001m;
    private bool _cacheHit;
    private List<SubjectId> _subjects = [new(SubjectKind.Team, "acme")];

    public UsageEventBuilder WithId(string id) { _id = id; return this; }
    public UsageEventBuilder At(DateTimeOffset at) { _at = at.ToUnixTimeSeconds(); return this; }
    public UsageEventBuilder At(string isoUtc) => At(DateTimeOffset.Parse(isoUtc, System.Globalization.CultureInfo.InvariantCulture));
    public UsageEventBuilder WithModel(string model, string? provider) { _model = model; _provider = provider; return this; }
    public UsageEventBuilder WithTokens(long prompt, long completion, long cached = 0, long reasoning = 0) { _tokens = new(prompt, completion, cached, reasoning); return this; }
    public UsageEventBuilder WithCost(decimal cost) { _cost = cost; return this; }
    public UsageEventBuilder Failed() { _status = UsageStatus.Failure; return this; }
    public UsageEventBuilder CacheHit() { _cacheHit = true; return this; }
    public UsageEventBuilder For(params SubjectId[] subjects) { _subjects = [.. subjects]; return this; }

    public UsageEvent Build() => new(new UsageEventId(_id), _status, _at, _model, _provider, _tokens, _cost, _cacheHit, _subjects);

    public static SubjectId Team(string id) => new(SubjectKind.Team, id);
    public static SubjectId Key(string id) => new(SubjectKind.Key, id);
}
