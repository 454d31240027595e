using Billing.Domain.Ledger;
using Billing.Functions.Reports;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using static Billing.Tests.Infrastructure.UsageEventBuilder;

namespace Billing.Tests.Storage;

/// <summary>What the reports cost in Table requests, counted at the SDK's pipeline (retries would count too).</summary>
public sealed class ReportCostTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCounter _counter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));

    private BillingTables Tables(TestStorage storage) => new(storage.Options, _counter.Options());

    [Fact]
    public async Task A_90_day_report_with_usage_in_every_hour_is_one_point_read_and_three_query_pages()
    {
        var storage = new TestStorage(azurite);
        var tables = Tables(storage);
        var cache = new SubjectStateCache(Options.Create(new CacheOptions()), _time);
        var store = new SubjectStore(tables, cache);
        var writer = new LedgerWriter(tables, cache, store, new PostingRows(tables, new DueIndex(tables), _time));
        await writer.ApplyAsync([.. Enumerable.Range(0, 90 * 24).Select(h => new UsageEventBuilder().At(Start.AddHours(h).AddMinutes(7)).WithCost(0.000000001m * (h + 1)).Build())], default);
        var handler = new UsageReportHandler(store, tables, _time);
        var before = _counter.Snapshot();

        var report = await handler.GetAsync(Team("acme"), Query(("from", "2026-02-01T00:00:00Z"), ("to", "2026-05-02T00:00:00Z")), default);

        var (pointReads, queries, all) = Subtract(_counter.Snapshot(), before);
        Assert.Equal((1L, 3L, 4L), (pointReads, queries, all));
        Assert.Equal(90 * 24, report.Value!.Totals.Requests);
        Assert.Equal(0.000000001m * (90 * 24) * (90 * 24 + 1) / 2, report.Value.Totals.Cost);
    }

    [Fact]
    public async Task The_events_tail_is_one_point_read_whatever_the_limit()
    {
        var storage = new TestStorage(azurite);
        await storage.Ledger.ApplyAsync([.. Enumerable.Range(0, 80).Select(i => new UsageEventBuilder().At(Start.AddMinutes(i)).Build())], default);
        var tables = Tables(storage);
        var handler = new RecentEventsHandler(new SubjectStore(tables, new SubjectStateCache(Options.Create(new CacheOptions()), _time)));
        var before = _counter.Snapshot();

        var tail = await handler.GetAsync(Team("acme"), Query(("limit", "50")), default);

        Assert.Equal((1L, 0L, 1L), Subtract(_counter.Snapshot(), before));
        Assert.Equal(RecentEvents.Capacity, tail.Value!.Events.Count);
    }

    [Fact]
    public async Task A_page_of_the_account_list_is_one_query()
    {
        var storage = new TestStorage(azurite);
        foreach (var i in Enumerable.Range(0, 12))
            await storage.Accounts.SaveAsync(new AccountBuilder().For(Team($"t{i:00}")).Build(), null, _time.GetUtcNow(), default);
        var tables = Tables(storage);
        await tables.EnsureCreatedAsync();
        var handler = new AccountListHandler(new AccountIndex(tables));
        var before = _counter.Snapshot();

        var page = await handler.ListAsync(Query(("prefix", "team:"), ("limit", "10")), default);

        Assert.Equal((0L, 1L, 1L), Subtract(_counter.Snapshot(), before));
        Assert.Equal(10, page.Value!.Accounts.Count);
        Assert.NotNull(page.Value.Continuation);
    }

    private static QueryCollection Query(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));

    private static (long, long, long) Subtract((long PointReads, long Queries, long All) after, (long PointReads, long Queries, long All) before) =>
        (after.PointReads - before.PointReads, after.Queries - before.Queries, after.All - before.All);
}
