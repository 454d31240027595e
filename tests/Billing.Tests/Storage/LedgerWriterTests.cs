using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Money;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Infrastructure.UsageEventBuilder;

namespace Billing.Tests.Storage;

public sealed class LedgerWriterTests(AzuriteFixture azurite)
{
    private readonly TestStorage _storage = new(azurite);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Duplicate_event_is_applied_once()
    {
        var usage = new UsageEventBuilder().WithCost(0.00025395m).Build();

        var first = await _storage.Ledger.ApplyAsync([usage], default);
        var second = await _storage.Ledger.ApplyAsync([usage], default);
        var third = await _storage.Ledger.ApplyAsync([usage, usage], default);

        Assert.Equal(new(1, 0), first);
        Assert.Equal(new(0, 1), second);
        Assert.Equal(new(0, 1), third);
        var ledger = await LedgerOf(Team("acme"));
        Assert.Equal(253_950, ledger.Lifetime.SpentNanos);
        Assert.Equal(1, ledger.Lifetime.Requests);
    }

    [Fact]
    public async Task Every_subject_of_an_event_is_charged_once()
    {
        var usage = new UsageEventBuilder().WithCost(0.5m).For(Team("acme"), Key("k1")).Build();

        await _storage.Ledger.ApplyAsync([usage], default);

        Assert.Equal(500_000_000, (await LedgerOf(Team("acme"))).Lifetime.SpentNanos);
        Assert.Equal(500_000_000, (await LedgerOf(Key("k1"))).Lifetime.SpentNanos);
    }

    [Fact]
    public async Task Eight_parallel_consumers_of_triplicated_messages_sum_exactly()
    {
        var subjects = new[] { Team("hot"), Team("warm"), Key("k/1#?") };
        var events = Enumerable.Range(0, 300)
            .Select(i => new UsageEventBuilder().WithCost(0.000001m * (i + 1)).For(subjects[i % 3], Team("hot")).Build())
            .ToList();
        var messages = events.Chunk(25).SelectMany(chunk => Enumerable.Repeat(chunk, 3)).OrderBy(_ => Random.Shared.Next()).ToList();

        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (message, token) => await _storage.Ledger.ApplyAsync(message, token));

        var hot = await LedgerOf(Team("hot"));
        Assert.Equal(events.Sum(e => MoneyUnits.ToNanos(e.Cost)), hot.Lifetime.SpentNanos);
        Assert.Equal(300, hot.Lifetime.Requests);
        var warm = await LedgerOf(Team("warm"));
        Assert.Equal(events.Where((_, i) => i % 3 == 1).Sum(e => MoneyUnits.ToNanos(e.Cost)), warm.Lifetime.SpentNanos);
        Assert.Equal(100, warm.Lifetime.Requests);
    }

    [Fact]
    public async Task Redelivery_after_a_crash_part_way_applies_only_the_rest()
    {
        var events = Enumerable.Range(0, 250).Select(_ => new UsageEventBuilder().WithCost(0.01m).Build()).ToList();
        await _storage.Ledger.ApplyAsync(events.Take(99).ToList(), default);

        var redelivered = await _storage.Ledger.ApplyAsync(events, default);

        Assert.Equal(new(151, 99), redelivered);
        var ledger = await LedgerOf(Team("acme"));
        Assert.Equal(250 * 10_000_000L, ledger.Lifetime.SpentNanos);
        Assert.Equal(250, ledger.Lifetime.Requests);
    }

    [Fact]
    public async Task Failures_and_cache_hits_count_requests_and_tokens_but_cost_nothing()
    {
        await _storage.Ledger.ApplyAsync([
            new UsageEventBuilder().WithCost(0.2m).Failed().WithTokens(10, 0).Build(),
            new UsageEventBuilder().WithCost(0.3m).CacheHit().WithTokens(50, 5).Build(),
        ], default);

        var ledger = await LedgerOf(Team("acme"));
        Assert.Equal(0, ledger.Lifetime.SpentNanos);
        Assert.Equal(2, ledger.Lifetime.Requests);
        Assert.Equal(60, ledger.Lifetime.Tokens.Prompt);
    }

    [Fact]
    public async Task Late_event_goes_to_its_own_hour_s_roll_up_and_the_lifetime()
    {
        var today = new UsageEventBuilder().WithCost(1m).At(Now).Build();
        var lastMonth = new UsageEventBuilder().WithCost(2m).At(Now.AddMonths(-1)).Build();

        await _storage.Ledger.ApplyAsync([today], default);
        await _storage.Ledger.ApplyAsync([lastMonth], default);

        var ledger = await LedgerOf(Team("acme"));
        Assert.Equal(3_000_000_000, ledger.Lifetime.SpentNanos);
        Assert.Equal(HourBucket.HourOf(Now), ledger.Hour?.Start);
        Assert.Equal(1_000_000_000, ledger.Hour?.Usage.Total.SpentNanos);
        var rollup = await _storage.Tables.Ledger.GetEntityAsync<Azure.Data.Tables.TableEntity>(
            Billing.Functions.Storage.SubjectRow.PartitionKey(Team("acme")), Billing.Functions.Storage.RollupRow.RowKey(HourBucket.HourOf(Now.AddMonths(-1))));
        Assert.Equal(2_000_000_000, rollup.Value.GetInt64("Spent"));
    }

    [Fact]
    public async Task Account_columns_survive_ledger_updates()
    {
        var account = new AccountBuilder().For(Team("acme")).WithBudget(10m, WindowPeriod.Daily).Build();
        await _storage.Accounts.SaveAsync(account, null, Now, default);

        await _storage.Ledger.ApplyAsync([new UsageEventBuilder().WithCost(1.5m).At(Now).Build()], default);

        var state = await _storage.Subjects.ReadAsync(Team("acme"), default);
        Assert.Equal(10m, Assert.Single(state.Account!.Budgets).Limit);
        Assert.Equal(1_500_000_000, state.Ledger?.Lifetime.SpentNanos);
        Assert.Equal(1_500_000_000, state.Ledger?.Window("daily")?.Current?.Usage.Total.SpentNanos);
    }

    [Fact]
    public async Task Writers_in_two_instances_contending_on_one_subject_sum_exactly()
    {
        // Each instance gates its own writers per subject; across instances only If-Match (412) keeps the sums right.
        var other = TestStorage.OtherInstanceWriter(_storage.Tables, _storage.Time);
        var events = Enumerable.Range(0, 200).Select(i => new UsageEventBuilder().WithCost(0.000001m * (i + 1)).Build()).ToList();
        var messages = events.Chunk(10).SelectMany(chunk => Enumerable.Repeat(chunk, 2)).ToList();

        await Parallel.ForEachAsync(messages.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, token) => await (item.i % 2 == 0 ? _storage.Ledger : other).ApplyAsync(item.m, token));

        var ledger = await LedgerOf(Team("acme"));
        Assert.Equal(events.Sum(e => MoneyUnits.ToNanos(e.Cost)), ledger.Lifetime.SpentNanos);
        Assert.Equal(200, ledger.Lifetime.Requests);
    }

    private async Task<SubjectLedger> LedgerOf(Billing.Domain.Subjects.SubjectId subject) =>
        (await _storage.Subjects.ReadAsync(subject, default)).Ledger ?? throw new InvalidOperationException($"{subject} has no ledger");
}
