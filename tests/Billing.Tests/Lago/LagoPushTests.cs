using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Billing.Functions.Lago;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Billing.Tests.Infrastructure.Lago;

namespace Billing.Tests.Lago;

/// <summary>The outbox drained to a Lago stand-in (behind Prism, checked against Lago's spec): once each, whatever Lago does.</summary>
public sealed class LagoPushTests(AzuriteFixture azurite) : LagoAppTest(azurite)
{
    private static readonly long Timestamp = Now.AddMinutes(-5).ToUnixTimeSeconds();

    [Fact]
    public async Task Every_billable_event_reaches_Lago_once_with_its_subscription_timestamp_amount_and_properties()
    {
        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" }, lago = new { external_subscription_id = "sub_acme_2026" } });
        await ApplyAsync(
            Usage("call-1", 0.000123m, "team:acme", "user:ann"),
            Usage("call-2", 1.5m, "team:beta"),
            Usage("call-3", 2m, "user:solo"));

        var summary = await PushAsync();
        var again = await PushAsync();

        Assert.Equal(new LagoPushSummary(2, 0, 0, 0), summary);
        Assert.Equal(new LagoPushSummary(0, 0, 0, 0), again);
        var events = Lago.Events.OrderBy(e => e.TransactionId).ToList();
        Assert.Equal(["call-1", "call-2"], events.Select(e => e.TransactionId));
        Assert.Equal(["sub_acme_2026", "beta"], events.Select(e => e.ExternalSubscriptionId));
        Assert.All(events, e => Assert.Equal("llm_usage", e.Code));
        Assert.All(events, e => Assert.Equal(Timestamp.ToString(CultureInfo.InvariantCulture), e.Timestamp));
        Assert.Equal(["0.0123", "150"], events.Select(e => e.PreciseTotalAmountCents));
        Assert.Equal(("gpt-4o", "openai", "1200", "350", "1550", "0.000123"),
            (events[0].Property("model"), events[0].Property("provider"), events[0].Property("input_tokens"), events[0].Property("output_tokens"),
             events[0].Property("total_tokens"), events[0].Property("cost_usd")));
        Assert.Equal(1, Lago.CountRequests("/api/v1/events/batch"));
        Assert.Empty(Lago.RequestViolations);
    }

    [Fact]
    public async Task An_event_delivered_twice_is_applied_once_and_pushed_once()
    {
        await ApplyAsync(Usage("call-1", 0.25m, "team:acme"));
        await ApplyAsync(Usage("call-1", 0.25m, "team:acme"));

        Assert.Equal(1, (await PushAsync()).Pushed);
        Assert.Single(Lago.Events);
    }

    [Fact]
    public async Task Two_thousand_events_reach_Lago_exactly_once_through_server_errors_throttling_timeouts_and_lost_answers()
    {
        var expected = new Dictionary<string, (string Subscription, decimal Cost)>();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            var events = Enumerable.Range(chunk * 200, 200).Select(i =>
            {
                var cost = (i % 97 + 1) * 0.000137m;
                expected[$"call-{i}"] = ($"team-{i % 20}", cost);
                return Usage($"call-{i}", cost, $"team:team-{i % 20}", $"user:u-{i % 7}");
            }).ToArray();
            await ApplyAsync(events);
        }

        Lago.FailNext(1, LagoFault.ServerError);
        var failed = await PushAsync();
        Assert.Equal((0, 2000), (failed.Pushed, failed.Pending));
        Assert.NotNull(failed.NextAttemptAt);

        App.Time.Advance(TimeSpan.FromMinutes(1));
        Lago.FailNext(1, LagoFault.TooManyRequests(retryAfterSeconds: 120, resetSeconds: 150));
        var throttled = await PushAsync();
        Assert.Equal(App.Time.GetUtcNow().AddSeconds(150), throttled.NextAttemptAt);

        App.Time.Advance(TimeSpan.FromSeconds(60));
        var requests = Lago.Requests.Count;
        var waiting = await PushAsync();
        Assert.Equal(("waiting for Lago", 2000), (waiting.Stopped, waiting.Pending));
        Assert.Equal(requests, Lago.Requests.Count);

        App.Time.Advance(TimeSpan.FromSeconds(100));
        Lago.FailNext(1, LagoFault.StoreThenHang);
        var lost = await PushAsync();
        Assert.NotNull(lost.Stopped);

        App.Time.Advance(TimeSpan.FromMinutes(5));
        Lago.FailNext(1, LagoFault.Hang);
        Assert.NotNull((await PushAsync()).Stopped);

        var totals = new LagoPushSummary(0, 0, 0, 0);
        for (var run = 0; run < 10 && Lago.Events.Count < 2000; run++)
        {
            App.Time.Advance(TimeSpan.FromHours(1));
            var summary = await PushAsync();
            totals = totals with { Pushed = totals.Pushed + summary.Pushed, AlreadyInLago = totals.AlreadyInLago + summary.AlreadyInLago, Pending = summary.Pending };
        }

        Assert.Equal(0, totals.Pending);
        Assert.True(totals.AlreadyInLago > 0, "the batch whose answer was lost is recognised as already in Lago");
        Assert.Equal(2000, totals.Pushed + totals.AlreadyInLago);
        Assert.Equal(2000, Lago.Events.Count);
        Assert.Equal(2000, Lago.Events.Select(e => e.TransactionId).Distinct().Count());
        foreach (var stored in Lago.Events)
        {
            var (subscription, cost) = expected[stored.TransactionId];
            Assert.Equal(subscription, stored.ExternalSubscriptionId);
            Assert.Equal(cost * 100m, decimal.Parse(stored.PreciseTotalAmountCents!, CultureInfo.InvariantCulture));
        }
        Assert.Equal(expected.Values.Sum(v => v.Cost) * 100m, Lago.Events.Sum(e => decimal.Parse(e.PreciseTotalAmountCents!, CultureInfo.InvariantCulture)));
        Assert.All(Lago.Requests.Where(r => r.Path.EndsWith("/events/batch", StringComparison.Ordinal)), r => Assert.True(System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("events").GetArrayLength() <= 100));
        Assert.Empty(Lago.RequestViolations);
    }

    [Fact]
    public async Task With_Lago_down_for_the_whole_run_nothing_is_lost_and_everything_arrives_once_it_is_back()
    {
        await ApplyAsync([.. Enumerable.Range(0, 300).Select(i => Usage($"call-{i}", 0.01m, $"team:t{i % 3}"))]);
        await Lago.FailAlwaysAsync(LagoFault.Down);

        for (var run = 0; run < 4; run++)
        {
            var summary = await PushAsync();
            Assert.Equal((0, 300), (summary.Pushed, summary.Pending));
            App.Time.Advance(TimeSpan.FromHours(1));
        }
        await Lago.RecoverAsync();
        var back = await PushAsync();

        Assert.Equal(new LagoPushSummary(300, 0, 0, 0), back);
        Assert.Equal(300, Lago.Events.Select(e => e.TransactionId).Distinct().Count());
        Assert.Equal(3m * 100m, Lago.Events.Sum(e => decimal.Parse(e.PreciseTotalAmountCents!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task An_event_Lago_refuses_is_parked_with_its_reason_and_the_rest_of_the_batch_goes_through()
    {
        await ApplyAsync(Usage("call-1", 0.1m, "team:acme"), Usage("call-2", 0.2m, "team:acme"), Usage("call-3", 0.3m, "team:acme"));
        Lago.Refuse("call-2");

        var summary = await PushAsync();
        var again = await PushAsync();

        Assert.Equal(new LagoPushSummary(2, 0, 1, 0), summary);
        Assert.Equal(new LagoPushSummary(0, 0, 0, 0), again);
        Assert.Equal(["call-1", "call-3"], Lago.Events.Select(e => e.TransactionId).Order());
        var parked = await (await App.ClientWithKey(TestKeys.Admin).GetAsync("/api/lago/parked")).AssertJsonAsync(HttpStatusCode.OK);
        var only = Assert.Single(parked.GetProperty("events").EnumerateArray());
        Assert.Equal(("team:acme", "call-2", 0.2m), (only.GetProperty("subject").GetString(), only.GetProperty("event_id").GetString(), only.GetProperty("cost").GetDecimal()));
        Assert.Contains("invalid_expression", only.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_subject_with_more_than_a_hundred_single_event_outbox_rows_is_drained_whole()
    {
        for (var i = 0; i < 150; i++) await ApplyAsync(Usage($"call-{i}", 0.01m, "team:acme"));

        var summary = await PushAsync();

        Assert.Equal(new LagoPushSummary(150, 0, 0, 0), summary);
        Assert.Equal(150, Lago.Events.Select(e => e.TransactionId).Distinct().Count());
        Assert.Equal(new LagoPushSummary(0, 0, 0, 0), await PushAsync());
    }

    [Fact]
    public async Task A_Lago_with_a_smaller_batch_limit_gets_smaller_batches_and_every_event_once()
    {
        Lago.BatchLimit = 30;
        await ApplyAsync([.. Enumerable.Range(0, 100).Select(i => Usage($"call-{i}", 0.01m, $"team:t{i % 2}"))]);

        var summary = await PushAsync();

        Assert.Equal(new LagoPushSummary(100, 0, 0, 0), summary);
        Assert.Equal(100, Lago.Events.Select(e => e.TransactionId).Distinct().Count());
    }

    [Fact]
    public async Task An_account_linked_to_a_subscription_can_be_linked_back_to_the_default()
    {
        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" }, lago = new { external_subscription_id = "sub-1" } });
        await ApplyAsync(Usage("call-1", 0.1m, "team:acme"));
        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" } });
        await ApplyAsync(Usage("call-2", 0.1m, "team:acme"));

        await PushAsync();

        Assert.Equal(["sub-1", "acme"], Lago.Events.OrderBy(e => e.TransactionId).Select(e => e.ExternalSubscriptionId));
        var lago = (await Client.AccountAsync("team:acme")).GetProperty("lago");
        Assert.Equal(("acme", true), (lago.GetProperty("external_subscription_id").GetString(), lago.GetProperty("default").GetBoolean()));
    }

    [Fact]
    public async Task Two_instances_pushing_at_once_put_each_event_in_Lago_once()
    {
        var other = StartInstance();
        await ApplyAsync([.. Enumerable.Range(0, 500).Select(i => Usage($"call-{i}", 0.001m, $"team:t{i % 10}"))]);

        var both = await Task.WhenAll(PushAsync(App), PushAsync(other));
        var rest = await PushAsync();

        Assert.Equal(500, both.Sum(s => s.Pushed + s.AlreadyInLago) + rest.Pushed + rest.AlreadyInLago);
        Assert.Equal(500, Lago.Events.Select(e => e.TransactionId).Distinct().Count());
        Assert.Equal(500, Lago.Events.Count);
    }

    [Fact]
    public async Task A_push_lease_left_by_an_instance_that_died_is_taken_over_after_two_minutes()
    {
        await ApplyAsync(Usage("call-1", 0.1m, "team:acme"));
        var sync = App.Services.GetRequiredService<LagoSyncStore>();
        Assert.NotNull(await sync.TryLeaseAsync("push", Now, Now + new LagoPushOptions().LeaseFor, default)); // held, never released: SIGKILL

        var blocked = await PushAsync();
        App.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var after = await PushAsync();

        Assert.Equal("another instance is pushing", blocked.Stopped);
        Assert.Equal(1, blocked.Pending);
        Assert.Equal(1, after.Pushed);
        Assert.Single(Lago.Events);
    }

    [Fact]
    public async Task A_subject_s_push_job_goes_once_its_outbox_is_empty_and_no_transaction_can_still_be_in_flight()
    {
        await ApplyAsync(Usage("call-1", 0.1m, "team:acme"));
        await PushAsync();
        Assert.Single(await LagoJobsAsync());

        App.Time.Advance(TimeSpan.FromMinutes(11));
        await PushAsync();

        Assert.Empty(await LagoJobsAsync());
        await ApplyAsync(Usage("call-2", 0.1m, "team:acme"));
        Assert.Single(await LagoJobsAsync());
        Assert.Equal(1, (await PushAsync()).Pushed);
    }

    [Fact]
    public async Task Without_Lago_settings_nothing_goes_to_an_outbox()
    {
        await using var plain = new BillingApp(Azurite, Now, new() { ["Storage:TablePrefix"] = TablePrefix });
        await ApplyAsync(plain, Usage("call-1", 0.1m, "team:acme"));

        Assert.Empty(await LagoJobsAsync());
        var summary = await (await new BillingClient(plain).AdminPostAsync("/api/timers/LagoPush/run")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.False(summary.GetProperty("configured").GetBoolean());
    }

    private async Task<List<TableEntity>> LagoJobsAsync()
    {
        var jobs = new List<TableEntity>();
        await foreach (var job in App.Tables.Schedule.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("lago|") >= 0 && e.PartitionKey.CompareTo("lago|~") < 0)) jobs.Add(job);
        return jobs;
    }
}
