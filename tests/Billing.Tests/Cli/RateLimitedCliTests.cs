using System.Globalization;
using System.Net;
using System.Text;
using Billing.Cli;
using Billing.Cli.Http;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Cli;

/// <summary>
/// A 429 is the service's rate limiter refusing a request before it ran: the CLI sends it again after
/// <c>Retry-After</c>, saying so on stderr, and gives up (exit 1) after <see cref="ApiClient.MaxRateLimitRetries"/>
/// retries or when asked to wait longer than <see cref="ApiClient.MaxRateLimitWait"/>. The waits run on a clock whose
/// timers fire at once, and are recorded.
/// </summary>
public sealed class RateLimitedCliTests(AzuriteFixture azurite) : CliTest(azurite, TinyAdminBudget())
{
    /// <summary>Two admin calls, then one a minute: the app's real limiter answers 429 with Retry-After 60.</summary>
    private static Dictionary<string, string?> TinyAdminBudget() => new()
    {
        ["RateLimit:Admin:PermitsPerSecond"] = (1.0 / 60).ToString("R", CultureInfo.InvariantCulture),
        ["RateLimit:Admin:Burst"] = "2",
    };

    private readonly ImmediateTimers _time = new();

    private async Task<CliResult> RunAsync(HttpMessageHandler handler, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await BillingCli.RunAsync(args, stdout, stderr, handler, Operator, _time);
        var result = new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        Assert.DoesNotContain(TestKeys.Admin, result.Stdout + result.Stderr);
        return result;
    }

    /// <summary>Answers the first <paramref name="refusals"/> requests 429 as the app does, then passes them to the app.</summary>
    private StubHandler RefusingFirst(int refusals, string retryAfter)
    {
        var app = new HttpMessageInvoker(App.Server.CreateHandler());
        var refused = 0;
        return new StubHandler((request, cancellationToken) =>
        {
            if (Interlocked.Increment(ref refused) > refusals) return app.SendAsync(request, cancellationToken);
            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"over its budget"}""", Encoding.UTF8, "application/problem+json"),
            };
            answer.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            return Task.FromResult(answer);
        });
    }

    [Fact]
    public async Task A_429_is_sent_again_after_retry_after_and_the_command_succeeds()
    {
        var handler = RefusingFirst(2, "7");

        var result = await RunAsync(handler, "prices", "list", "--json");

        AssertExit(ExitCodes.Success, result);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _time.Waits);
        Assert.Equal(3, handler.Requests);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement.ValueKind); // stdout stays one JSON document
        Assert.Contains("rate limited (GET /api/prices answered 429); sending it again in 7 s (retry 1 of 10)", result.Stderr);
        Assert.Contains("(retry 2 of 10)", result.Stderr);
    }

    [Fact]
    public async Task A_write_refused_with_429_is_sent_again_and_lands_once()
    {
        var handler = RefusingFirst(1, "1");

        var result = await RunAsync(handler, "track", "--subject", "team:acme", "--model", "gpt-4o", "--cost", "0.25", "--id", "rate-1");
        await App.DrainUsageQueueAsync();

        AssertExit(ExitCodes.Success, result);
        Assert.Equal(2, handler.Requests);
        var lifetime = (await Client.AccountAsync("team:acme")).GetProperty("lifetime");
        Assert.Equal(0.25m, lifetime.GetProperty("spent").GetDecimal());
        Assert.Equal(1, lifetime.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Without_retry_after_the_wait_is_one_second()
    {
        var handler = RefusingFirst(1, "");

        var result = await RunAsync(handler, "prices", "list");

        AssertExit(ExitCodes.Success, result);
        Assert.Equal([TimeSpan.FromSeconds(1)], _time.Waits);
    }

    [Fact]
    public async Task The_app_s_own_limiter_keeps_refusing_and_the_cli_gives_up_after_ten_retries()
    {
        var app = new CountingHandler(App.Server.CreateHandler());
        for (var i = 0; i < 2; i++) (await Admin.GetAsync("/api/prices")).EnsureSuccessStatusCode(); // the burst, spent by the same key

        var result = await RunAsync(app, "prices", "list", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.Equal(1 + ApiClient.MaxRateLimitRetries, app.Requests);
        Assert.Equal(ApiClient.MaxRateLimitRetries, _time.Waits.Count);
        Assert.All(_time.Waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.Contains("answered 429", result.Stderr);
        Assert.Contains("the service kept this key over its rate limit (10 retries)", result.Stderr);
        Assert.Contains("\"status\": 429", result.Stdout); // --json: the problem on stdout
    }

    [Fact]
    public async Task A_retry_after_longer_than_two_minutes_ends_the_command_at_once()
    {
        var handler = RefusingFirst(100, "3600");

        var result = await RunAsync(handler, "prices", "list");

        AssertExit(ExitCodes.Problem, result);
        Assert.Equal(1, handler.Requests);
        Assert.Empty(_time.Waits);
        Assert.Contains("Retry-After 3600 s is longer than the CLI waits", result.Stderr);
    }

    /// <summary>Passes every request to the app and counts them.</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A fake clock whose one-shot timers fire as soon as they are made, each due time recorded.</summary>
    private sealed class ImmediateTimers() : FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))
    {
        private readonly List<TimeSpan> _waits = [];

        public IReadOnlyList<TimeSpan> Waits
        {
            get { lock (_waits) return [.. _waits]; }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (_waits) _waits.Add(dueTime);
                _ = Task.Run(() => Advance(dueTime));
            }
            return timer;
        }
    }
}
