using Billing.Domain.Credits;
using Billing.Domain.Ledger;
using Billing.Domain.Reconciliation;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Domain;

public sealed class ReconcilerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SubjectId Team = new(SubjectKind.Team, "acme");
    private const long Usd = 1_000_000_000;

    private static UsageCounters Usage(long nanos, long requests, long prompt = 100, long completion = 20) =>
        new(nanos, requests, new TokenCounts(prompt, completion, 0, 0), 0, 0);

    /// <summary>A consistent ledger: 4 events, 1.5 USD, two past hours as rows and the latest in the state.</summary>
    private static LedgerFigures Healthy() => new(
        Team,
        Lifetime: Usage(1_500_000_000, 4, 400, 80),
        LatestHour: new HourBucket(T0, new UsageBreakdown(Usage(500_000_000, 1), [])),
        AppliedRows: 4,
        Applied: Usage(1_500_000_000, 4, 400, 80),
        RollupRows: 2,
        Rolledup: Usage(1_000_000_000, 3, 300, 60));

    [Fact]
    public void A_consistent_ledger_has_no_differences()
    {
        Assert.Empty(Reconciler.Compare(Healthy()));
    }

    [Fact]
    public void Lifetime_spent_above_the_applied_rows_is_reported_with_both_figures()
    {
        var figures = Healthy() with { Applied = Usage(1_250_000_000, 4, 400, 80) };

        var difference = Assert.Single(Reconciler.Compare(figures), d => d.Invariant == Invariant.LifetimeCounters);

        Assert.Equal(Team, difference.Subject);
        Assert.Equal("1.25", difference.Expected);
        Assert.Equal("1.5", difference.Actual);
        Assert.Equal("lifetime spent is 1.5 but the 4 applied usage rows sum to 1.25", difference.Detail);
    }

    [Fact]
    public void A_missing_applied_row_shows_in_requests_and_tokens_too()
    {
        var figures = Healthy() with { AppliedRows = 3, Applied = Usage(1_000_000_000, 3, 300, 60) };

        var names = Reconciler.Compare(figures).Select(d => d.Detail.Split(" are ")[0].Split(" is ")[0]).ToList();

        Assert.Equal(["lifetime spent", "lifetime requests", "lifetime prompt tokens", "lifetime completion tokens"], names);
    }

    [Fact]
    public void Rollups_count_the_latest_hour_kept_in_the_state_row()
    {
        var figures = Healthy() with { LatestHour = null };

        var differences = Reconciler.Compare(figures).Where(d => d.Invariant == Invariant.Rollups).ToList();

        var spent = differences[0];
        Assert.Equal(("1.5", "1"), (spent.Expected, spent.Actual));
        Assert.Equal("the 2 roll-up rows sum to cost 1 but the lifetime spent is 1.5", spent.Detail);
        Assert.Equal(4, differences.Count);
    }

    [Theory]
    [InlineData(1, "0.000000001")]
    [InlineData(12_345_000_001, "12.345000001")]
    [InlineData(-2_500_000_000, "-2.5")]
    [InlineData(0, "0")]
    public void Money_is_spelled_as_an_exact_decimal(long nanos, string text)
    {
        Assert.Equal(text, FigureText.Money(nanos));
    }

    private static CreditFigures Credits(CreditBook book, params CreditEntry[] entries) => new(book, entries);

    private static (CreditBook Book, List<CreditEntry> Entries) GrantedAndBurned()
    {
        var (_, granted) = CreditBook.Empty.Add(new CreditGrant("g1", 10 * Usd, 10 * Usd, 1, T0, null, "top-up"));
        var burned = granted.Book.Burn(3 * Usd, T0.AddHours(1), "evt-1");
        return (burned.Book, [.. granted.Entries, .. burned.Entries]);
    }

    [Fact]
    public void A_book_that_matches_its_entries_has_no_credit_difference()
    {
        var (book, entries) = GrantedAndBurned();

        Assert.Empty(Reconciler.Compare(Healthy() with { Credits = Credits(book, [.. entries]) }));
    }

    [Fact]
    public void A_bogus_entry_breaks_the_balance_and_the_grant_s_remaining()
    {
        var (book, entries) = GrantedAndBurned();
        entries.Add(new CreditEntry(CreditEntryKind.Burn, "g1", 2 * Usd, T0.AddHours(2), "bogus"));

        var differences = Reconciler.Compare(Healthy() with { Credits = Credits(book, [.. entries]) });

        Assert.All(differences, d => Assert.Equal(Invariant.CreditBalance, d.Invariant));
        Assert.Equal(("5", "7"), (differences[0].Expected, differences[0].Actual));
        Assert.StartsWith("the credit book's balance is 7 but the 3 credit entries sum to 5 (grants 10, burns 5,", differences[0].Detail);
        Assert.Equal(("5", "7"), (differences[1].Expected, differences[1].Actual));
        Assert.Equal("grant 'g1' has 7 left in the credit book but its entries leave 5", differences[1].Detail);
    }

    [Fact]
    public void An_overdraft_paid_off_by_a_later_grant_balances_but_per_grant_figures_are_not_derived()
    {
        var overdrawn = CreditBook.Empty.Burn(2 * Usd, T0, "evt-1");
        var (_, granted) = overdrawn.Book.Add(new CreditGrant("g1", 10 * Usd, 10 * Usd, 1, T0.AddHours(1), null, null));

        var figures = Credits(granted.Book, [.. overdrawn.Entries, .. granted.Entries]);

        Assert.Equal(8 * Usd, granted.Book.Grant("g1")!.RemainingNanos);
        Assert.Empty(Reconciler.Compare(Healthy() with { Credits = figures }));
    }

    [Fact]
    public void Expiries_voids_and_lago_syncs_count_in_the_balance()
    {
        var (_, a) = CreditBook.Empty.Add(new CreditGrant("a", 5 * Usd, 5 * Usd, 1, T0, T0.AddDays(1), null));
        var (_, b) = a.Book.Add(new CreditGrant("b", 4 * Usd, 4 * Usd, 1, T0, null, null));
        var expired = b.Book.ExpireDue(T0.AddDays(2));
        var voided = expired.Book.Void("b", T0.AddDays(2))!;
        var synced = voided.Book.MirrorLago(7 * Usd, T0.AddDays(3), "pull");

        var entries = new[] { a.Entries, b.Entries, expired.Entries, voided.Entries, synced.Entries }.SelectMany(e => e).ToArray();

        Assert.Empty(Reconciler.Compare(Healthy() with { Credits = Credits(synced.Book, entries) }));
        Assert.Single(Reconciler.Compare(Healthy() with { Credits = Credits(synced.Book, entries[..^1]) }));
    }

    [Fact]
    public void A_billable_event_neither_in_the_outbox_nor_recorded_is_named()
    {
        var lago = new OutboxFigures(["e1", "e2", "e3", "e4"], new HashSet<string> { "e1" }, new HashSet<string> { "e2", "e3" });

        var difference = Assert.Single(Reconciler.Compare(Healthy() with { Lago = lago }));

        Assert.Equal(Invariant.LagoOutbox, difference.Invariant);
        Assert.Equal(("4", "3"), (difference.Expected, difference.Actual));
        Assert.Equal("1 billable event of 4 is neither in the Lago outbox nor recorded as answered by Lago: e4", difference.Detail);
    }

    [Fact]
    public void Events_in_the_outbox_or_recorded_satisfy_the_outbox_invariant()
    {
        var lago = new OutboxFigures(["e1", "e2"], new HashSet<string> { "e1" }, new HashSet<string> { "e2", "old" });

        Assert.Empty(Reconciler.Compare(Healthy() with { Lago = lago }));
    }

    [Fact]
    public void Invariant_names_are_the_wire_names()
    {
        Assert.Equal(["lifetime_counters", "rollups", "credit_balance", "lago_outbox"], InvariantNames.Values.Select(InvariantNames.Name));
    }
}
