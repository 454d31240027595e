using System.Net;
using System.Text.Json;
using Billing.Domain.Ledger;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary><c>GET /api/accounts/{subject}/events</c>: the tail, from the ring in the state row.</summary>
public sealed class RecentEventsTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static List<JsonElement> Events(JsonElement tail) => tail.GetProperty("events").EnumerateArray().ToList();

    [Fact]
    public async Task The_tail_is_newest_first_and_capped_at_fifty()
    {
        var events = Enumerable.Range(0, 70).Select(i => new UsageEventBuilder().At(Noon.AddMinutes(i)).WithId($"evt-{i:00}").Build()).ToList();
        var writer = App.Services.GetRequiredService<LedgerWriter>();
        foreach (var chunk in events.OrderBy(_ => Random.Shared.Next()).Chunk(15)) await writer.ApplyAsync(chunk, default);

        var tail = await (await Client.GetEventsAsync("team:acme")).AssertJsonAsync(HttpStatusCode.OK);
        var five = await (await Client.GetEventsAsync("team:acme", "?limit=5")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(Enumerable.Range(20, 50).Reverse().Select(i => $"evt-{i:00}"), Events(tail).Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(RecentEvents.Capacity, tail.GetProperty("limit").GetInt32());
        Assert.Equal(["evt-69", "evt-68", "evt-67", "evt-66", "evt-65"], Events(five).Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(Noon.AddMinutes(69), Events(five)[0].GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Every_sample_delivered_three_times_is_in_the_tail_once()
    {
        string[] samples = ["01-chat-success.json", "02-chat-streaming.json", "03-cache-hit.json", "05-failure-rate-limit.json", "08-reasoning-and-cached-prompt-tokens.json"];
        await Task.WhenAll(samples.SelectMany(s => Enumerable.Repeat(s, 3)).Select(async sample =>
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => App.DrainUsageQueueAsync()));
        await App.DrainUsageQueueAsync();

        var tail = Events(await (await Client.GetEventsAsync("team:team-acme")).AssertJsonAsync(HttpStatusCode.OK));

        var requests = (await Client.AccountAsync("team:team-acme")).GetProperty("lifetime").GetProperty("requests").GetInt64();
        Assert.Equal(requests, tail.Count);
        Assert.Equal(tail.Count, tail.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var times = tail.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Failures_and_cache_hits_show_their_status_flag_and_zero_cost()
    {
        foreach (var sample in new[] { "03-cache-hit.json", "05-failure-rate-limit.json" })
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var tail = Events(await (await Client.GetEventsAsync("team:team-acme")).AssertJsonAsync(HttpStatusCode.OK));

        var failure = tail.Single(e => e.GetProperty("status").GetString() == "failure");
        Assert.Equal((0m, false), (failure.GetProperty("cost").GetDecimal(), failure.GetProperty("cache_hit").GetBoolean()));
        var hit = tail.Single(e => e.GetProperty("cache_hit").GetBoolean());
        Assert.Equal(("success", 0m, 412L), (hit.GetProperty("status").GetString(), hit.GetProperty("cost").GetDecimal(), hit.GetProperty("tokens").GetProperty("prompt").GetInt64()));
    }

    [Fact]
    public async Task A_subject_with_an_account_and_no_usage_has_an_empty_tail()
    {
        await (await Client.PutAccountAsync("team:quiet", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var tail = await (await Client.GetEventsAsync("team:quiet")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Empty(Events(tail));
    }

    [Fact]
    public async Task A_subject_with_neither_account_nor_usage_is_not_found()
    {
        await (await Client.GetEventsAsync("team:nobody")).AssertProblemAsync(HttpStatusCode.NotFound, "subject");
    }

    [Theory]
    [InlineData("?limit=51")]
    [InlineData("?limit=0")]
    [InlineData("?limit=-1")]
    [InlineData("?limit=ten")]
    [InlineData("?limit=5&limit=6")]
    public async Task A_bad_limit_is_a_problem_that_names_it(string query)
    {
        await (await Client.GetEventsAsync("team:acme", query)).AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
    }
}
