using System.Threading.RateLimiting;
using Billing.Functions.Auth;
using Microsoft.Extensions.Options;

namespace Billing.Functions.RateLimiting;

/// <summary>
/// One token bucket per <see cref="Caller"/>, shared by the HTTP middleware and the custom-handler webhook invocation
/// (whose key travels inside the host's envelope). The buckets live in this process: with several instances (or the
/// Functions host's scale-out) each enforces its own budget. Idle buckets are dropped by the limiter after a while.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Caller> _limiter;

    public CallerRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<Caller, Caller>(caller => settings.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(caller, c => BucketOf(settings, c.Class).ToLimiterOptions())
            : RateLimitPartition.GetNoLimiter(caller));
    }

    /// <summary>
    /// The caller of a request: the valid key it presents (Bearer, else <c>x-api-key</c>), else its remote address
    /// within a route group. Lago's signed webhooks and the owners' signed page carry no key; each has its own buckets,
    /// so a flood of keyless junk elsewhere cannot starve them (on Functions every request comes from the host's
    /// 127.0.0.1, so the address alone would put them all in one bucket).
    /// </summary>
    public Caller CallerOf(HttpContext context)
    {
        var keys = PresentedKeys.Of(context);
        if (keys is { Bearer: { } bearer, BearerFingerprint: { } bearerPrint }) return KeyCaller(bearer, bearerPrint);
        if (keys is { ApiKey: { } apiKey, ApiKeyFingerprint: { } apiKeyPrint }) return KeyCaller(apiKey, apiKeyPrint);
        return new Caller(Caller.AnonymousClass, $"{AnonymousGroup(context.Request.Path)}|{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}");
    }

    private static string AnonymousGroup(PathString path) =>
        path.StartsWithSegments("/api/lago/webhooks", StringComparison.OrdinalIgnoreCase) ? "lago-webhooks"
        : path.StartsWithSegments("/accounts", StringComparison.OrdinalIgnoreCase) ? "owners-page"
        : "other";

    /// <summary>The caller presenting a valid key of <paramref name="scope"/> (<see cref="ApiKeyAuthenticator.TryIdentify"/>).</summary>
    public static Caller KeyCaller(KeyScope scope, string fingerprint) => new(ClassOf(scope), fingerprint);

    public RateLimitLease Acquire(Caller caller) => _limiter.AttemptAcquire(caller);

    /// <summary>The same buckets keyed by request, for <c>RateLimiterOptions.GlobalLimiter</c>.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() => _limiter.WithTranslatedKey<HttpContext>(CallerOf, leaveOpen: true);

    public void Dispose() => _limiter.Dispose();

    /// <summary>Constant names, so partitioning a keyed request allocates no class string.</summary>
    private static string ClassOf(KeyScope scope) => scope switch
    {
        KeyScope.Ingest => "ingest",
        KeyScope.Check => "check",
        KeyScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    private static TokenBucketOptions BucketOf(RateLimitOptions settings, string @class) => @class switch
    {
        "ingest" => settings.Ingest,
        "check" => settings.Check,
        "admin" => settings.Admin,
        _ => settings.Anonymous,
    };
}
