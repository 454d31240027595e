using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Infrastructure.UsageEventBuilder;

namespace Billing.Tests.Storage;

/// <summary>Rows written before failures and cache hits were counted (six-value arrays, no such columns) still read, as zeros.</summary>
public sealed class StoredCountersTests(AzuriteFixture azurite)
{
    private readonly TestStorage _storage = new(azurite);
    private static readonly DateTimeOffset LatestHour = new(2026, 11, 18, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PastHour = new(2026, 11, 18, 9, 0, 0, TimeSpan.Zero);
    private static readonly UsageCounters Old = new(5_000, 2, new TokenCounts(200, 40, 0, 0), 0, 0);

    [Fact]
    public async Task A_state_row_written_before_reads_with_zero_failures_and_cache_hits()
    {
        var subject = Team("old-state");
        await WriteOldRowsAsync(subject);

        var ledger = (await _storage.Subjects.ReadAsync(subject, default)).Ledger!;

        Assert.Equal(Old, ledger.Lifetime);
        Assert.Equal(Old, ledger.Hour!.Usage.Total);
        Assert.Equal(Old, Assert.Single(ledger.Hour.Usage.Models).Counters);
    }

    [Fact]
    public async Task A_roll_up_row_written_before_reads_with_zero_failures_and_cache_hits()
    {
        var subject = Team("old-rollup");
        await WriteOldRowsAsync(subject);

        var hours = await RollupRow.ReadRangeAsync(_storage.Tables.Ledger, subject, PastHour, LatestHour, default);

        var hour = Assert.Single(hours);
        Assert.Equal(Old, hour.Usage.Total);
        Assert.Equal(Old, Assert.Single(hour.Usage.Models).Counters);
    }

    [Fact]
    public async Task New_usage_adds_failures_and_cache_hits_to_rows_written_before()
    {
        var subject = Team("old-then-new");
        await WriteOldRowsAsync(subject);

        await _storage.Ledger.ApplyAsync(
        [
            new UsageEventBuilder().For(subject).At(LatestHour.AddMinutes(5)).Failed().Build(),
            new UsageEventBuilder().For(subject).At(LatestHour.AddMinutes(6)).CacheHit().Build(),
        ], default);

        var ledger = (await _storage.Subjects.ReadAsync(subject, default)).Ledger!;
        Assert.Equal((4L, 1L, 1L), (ledger.Lifetime.Requests, ledger.Lifetime.Failures, ledger.Lifetime.CacheHits));
        Assert.Equal((4L, 1L, 1L), (ledger.Hour!.Usage.Total.Requests, ledger.Hour.Usage.Total.Failures, ledger.Hour.Usage.Total.CacheHits));
        Assert.Equal(Old.SpentNanos, ledger.Lifetime.SpentNanos);
    }

    /// <summary>A state row and a roll-up row exactly as the previous version wrote them.</summary>
    private async Task WriteOldRowsAsync(Billing.Domain.Subjects.SubjectId subject)
    {
        await _storage.Tables.EnsureCreatedAsync();
        var partition = SubjectRow.PartitionKey(subject);
        const string usage = "{\"t\":[5000,2,200,40,0,0],\"m\":[{\"m\":\"gpt-4o\",\"p\":\"openai\",\"c\":[5000,2,200,40,0,0]}]}";
        await _storage.Tables.Ledger.AddEntityAsync(new TableEntity(partition, "state")
        {
            ["Subject"] = subject.ToString(),
            ["LifeSpent"] = 5_000L, ["LifeRequests"] = 2L, ["LifePrompt"] = 200L, ["LifeCompletion"] = 40L, ["LifeCached"] = 0L, ["LifeReasoning"] = 0L,
            ["Hour"] = $"{{\"s\":\"{LatestHour:yyyy-MM-ddTHH:mm:ss}+00:00\",\"u\":{usage}}}",
        });
        await _storage.Tables.Ledger.AddEntityAsync(new TableEntity(partition, RollupRow.RowKey(PastHour))
        {
            ["Subject"] = subject.ToString(),
            ["Hour"] = PastHour,
            ["Models"] = "[{\"m\":\"gpt-4o\",\"p\":\"openai\",\"c\":[5000,2,200,40,0,0]}]",
            ["Spent"] = 5_000L, ["Requests"] = 2L, ["Prompt"] = 200L, ["Completion"] = 40L, ["Cached"] = 0L, ["Reasoning"] = 0L,
        });
    }
}
