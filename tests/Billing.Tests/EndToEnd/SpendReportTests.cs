using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary><c>GET /api/accounts/{subject}/usage</c> over HTTP, from the roll-ups the ingest keeps, to the nano.</summary>
public sealed class SpendReportTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private const string Subject = "team:acme";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly (string Model, string? Provider)[] Models = [("gpt-4o", "openai"), ("claude-3", "anthropic"), ("mistral-small", null)];

    /// <summary>About 400 calls over 90 days (every 5 h 13 min) across the spring DST change, with failures and cache hits.</summary>
    private static List<UsageEvent> NinetyDays() => Enumerable.Range(0, 414).Select(i =>
    {
        var (model, provider) = Models[i % Models.Length];
        var builder = new UsageEventBuilder().For(UsageEventBuilder.Team("acme")).At(Start.AddMinutes(313 * i))
            .WithModel(model, provider).WithCost(0.000123457m + 0.000000001m * i).WithTokens(100 + i, 20 + i % 7, i % 5, i % 3);
        if (i % 11 == 0) builder.Failed();
        if (i % 13 == 0) builder.CacheHit();
        return builder.Build();
    }).ToList();

    private async Task<List<UsageEvent>> SeedAsync(string timeZone = "Europe/Berlin")
    {
        await (await Client.PutAccountAsync(Subject, new { owners = new[] { "ops@acme.example" }, time_zone = timeZone })).AssertJsonAsync(HttpStatusCode.OK);
        var events = NinetyDays();
        var writer = App.Services.GetRequiredService<LedgerWriter>();
        foreach (var chunk in events.Chunk(40)) await writer.ApplyAsync(chunk, default);
        return events;
    }

    private static DateTimeOffset HourOf(UsageEvent e) => new(e.OccurredAt.UtcDateTime.Date.AddHours(e.OccurredAt.UtcDateTime.Hour), TimeSpan.Zero);

    private static void AssertFigures(IEnumerable<UsageEvent> events, JsonElement figures)
    {
        var list = events.ToList();
        Assert.Equal(list.Sum(e => e.BilledCost), figures.GetProperty("cost").GetDecimal());
        Assert.Equal(list.Count, figures.GetProperty("requests").GetInt64());
        Assert.Equal(list.Count(e => e.Status == UsageStatus.Failure), figures.GetProperty("failures").GetInt64());
        Assert.Equal(list.Count(e => e.CacheHit), figures.GetProperty("cache_hits").GetInt64());
        var tokens = figures.GetProperty("tokens");
        Assert.Equal(list.Sum(e => e.Tokens.Prompt), tokens.GetProperty("prompt").GetInt64());
        Assert.Equal(list.Sum(e => e.Tokens.Completion), tokens.GetProperty("completion").GetInt64());
        Assert.Equal(list.Sum(e => e.Tokens.CachedPrompt), tokens.GetProperty("cached_prompt").GetInt64());
        Assert.Equal(list.Sum(e => e.Tokens.Reasoning), tokens.GetProperty("reasoning").GetInt64());
    }

    [Fact]
    public async Task Ninety_days_by_day_follow_Berlin_across_the_DST_change_exact_to_the_nano()
    {
        var events = await SeedAsync();

        var report = await Client.UsageAsync(Subject, "?from=2026-02-01&to=2026-05-01&group_by=day");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 22, 0, 0, TimeSpan.Zero), report.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(("day", "Europe/Berlin"), (report.GetProperty("group_by").GetString(), report.GetProperty("time_zone").GetString()));
        var inRange = events.Where(e => HourOf(e) >= new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero) && HourOf(e) < new DateTimeOffset(2026, 4, 30, 22, 0, 0, TimeSpan.Zero)).ToList();
        AssertFigures(inRange, report.GetProperty("totals"));
        var expectedDays = inRange.GroupBy(e => TimeZoneInfo.ConvertTime(HourOf(e), Berlin).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).OrderBy(g => g.Key).ToList();
        var days = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expectedDays.Select(d => d.Key), days.Select(d => d.GetProperty("key").GetString()));
        foreach (var (expected, day) in expectedDays.Zip(days)) AssertFigures(expected, day);

        var spring = days.Single(d => d.GetProperty("key").GetString() == "2026-03-29");
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), spring.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), spring.GetProperty("end").GetDateTimeOffset());
        Assert.False(report.GetProperty("models_folded").GetBoolean());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("provider")]
    public async Task Groups_by_model_and_by_provider_add_up_to_the_totals(string groupBy)
    {
        var events = await SeedAsync();

        var report = await Client.UsageAsync(Subject, $"?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&group_by={groupBy}");

        AssertFigures(events, report.GetProperty("totals"));
        var expected = events.GroupBy(e => groupBy == "model" ? e.Model : e.Provider ?? "(unknown)").ToDictionary(g => g.Key, g => g.ToList());
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(), groups.Select(g => g.GetProperty("key").GetString()!).Order());
        foreach (var group in groups)
        {
            AssertFigures(expected[group.GetProperty("key").GetString()!], group);
            Assert.Equal(JsonValueKind.Null, group.GetProperty("start").ValueKind);
        }
        var costs = groups.Select(g => g.GetProperty("cost").GetDecimal()).ToList();
        Assert.Equal(costs.OrderDescending(), costs);
    }

    [Fact]
    public async Task A_range_that_covers_everything_totals_the_lifetime_figures()
    {
        await SeedAsync();

        var report = await Client.UsageAsync(Subject, "?from=2026-01-15T00:00:00Z&to=2026-06-15T00:00:00%2B02:00");
        var lifetime = (await Client.AccountAsync(Subject)).GetProperty("lifetime");

        var totals = report.GetProperty("totals");
        Assert.Equal(lifetime.GetProperty("spent").GetDecimal(), totals.GetProperty("cost").GetDecimal());
        Assert.Equal(lifetime.GetProperty("requests").GetInt64(), totals.GetProperty("requests").GetInt64());
        Assert.Equal(lifetime.GetProperty("tokens").GetRawText(), totals.GetProperty("tokens").GetRawText());
    }

    [Fact]
    public async Task Failures_and_cache_hits_of_the_LiteLLM_samples_are_counted()
    {
        foreach (var sample in new[] { "01-chat-success.json", "03-cache-hit.json", "05-failure-rate-limit.json" })
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var report = await Client.UsageAsync("team:team-acme", "?from=2026-11-01&to=2026-12-01&group_by=model");

        var totals = report.GetProperty("totals");
        Assert.Equal((3L, 1L, 1L), (totals.GetProperty("requests").GetInt64(), totals.GetProperty("failures").GetInt64(), totals.GetProperty("cache_hits").GetInt64()));
        var lifetime = (await Client.AccountAsync("team:team-acme")).GetProperty("lifetime");
        Assert.Equal(lifetime.GetProperty("spent").GetDecimal(), totals.GetProperty("cost").GetDecimal());
        Assert.False(report.GetProperty("has_account").GetBoolean());
        Assert.Equal("UTC", report.GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task By_default_a_report_covers_the_local_month_up_to_now_with_the_current_hour()
    {
        await (await Client.PutAccountAsync(Subject, new { time_zone = "Europe/Berlin" })).AssertJsonAsync(HttpStatusCode.OK);
        var writer = App.Services.GetRequiredService<LedgerWriter>();
        await writer.ApplyAsync(
        [
            new UsageEventBuilder().At(new DateTimeOffset(2026, 10, 31, 22, 30, 0, TimeSpan.Zero)).WithCost(1m).Build(),
            new UsageEventBuilder().At(new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero)).WithCost(2m).Build(),
            new UsageEventBuilder().At(Now.AddMinutes(-10)).WithCost(4m).Build(),
        ], default);

        var report = await Client.UsageAsync(Subject);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Now, report.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(6m, report.GetProperty("totals").GetProperty("cost").GetDecimal());
        Assert.Equal(["2026-11-01", "2026-11-22"], report.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_subject_with_neither_account_nor_usage_is_not_found()
    {
        var response = await Client.GetUsageAsync("team:nobody");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "subject");
    }

    [Theory]
    [InlineData("?group_by=week", "group_by")]
    [InlineData("?group_by=day&group_by=model", "group_by")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-01T00:00:00", "from")]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?to=2026-11-01T25:00:00Z", "to")]
    [InlineData("?from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("?from=2026-11-01&to=2026-11-01", "from")]
    [InlineData("?from=2025-01-01&to=2026-11-01", "from")]
    [InlineData("?from=0001-01-01T00:00:00Z", "from")]
    public async Task Bad_query_parameters_are_problems_that_name_them(string query, string field)
    {
        await (await Client.PutAccountAsync(Subject, new { time_zone = "Europe/Berlin" })).AssertJsonAsync(HttpStatusCode.OK);

        var response = await Client.GetUsageAsync(Subject, query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
