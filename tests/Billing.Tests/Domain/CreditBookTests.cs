using Billing.Domain.Credits;

namespace Billing.Tests.Domain;

public sealed class CreditBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long Usd = 1_000_000_000;

    private static CreditGrant Grant(string id, long usd, int priority = 1, DateTimeOffset? expires = null, DateTimeOffset? at = null) =>
        new(id, usd * Usd, usd * Usd, priority, at ?? T0, expires, "top-up");

    private static CreditBook With(params CreditGrant[] grants) =>
        grants.Aggregate(CreditBook.Empty, (book, g) => book.Add(g).Change.Book);

    [Fact]
    public void Burns_lower_priority_first_then_the_soonest_expiry_then_the_oldest_grant()
    {
        var book = With(
            Grant("late-expiry", 10, priority: 1, expires: T0.AddDays(30)),
            Grant("no-expiry-old", 10, priority: 1, at: T0.AddDays(-2)),
            Grant("soon", 10, priority: 1, expires: T0.AddDays(2)),
            Grant("first", 10, priority: 0),
            Grant("no-expiry-new", 10, priority: 1, at: T0.AddDays(-1)));

        var change = book.Burn(45 * Usd, T0, "evt-1");

        Assert.Equal(["first", "soon", "late-expiry", "no-expiry-old", "no-expiry-new"], change.Entries.Select(e => e.GrantId));
        Assert.Equal([10 * Usd, 10 * Usd, 10 * Usd, 10 * Usd, 5 * Usd], change.Entries.Select(e => e.AmountNanos));
        Assert.Equal(5 * Usd, change.Book.BalanceNanos(T0));
    }

    [Fact]
    public void An_expired_grant_stops_counting_at_its_expiry_even_before_the_timer_records_it()
    {
        var book = With(Grant("a", 10, expires: T0.AddHours(1)), Grant("b", 5));

        Assert.Equal(15 * Usd, book.BalanceNanos(T0));
        Assert.Equal(5 * Usd, book.BalanceNanos(T0.AddHours(1)));
        var burn = book.Burn(7 * Usd, T0.AddHours(2), "late-check");
        Assert.Equal(["b", null], burn.Entries.Select(e => e.GrantId));
        Assert.Equal(-2 * Usd, burn.Book.BalanceNanos(T0.AddHours(2)));
    }

    [Fact]
    public void Usage_beyond_the_balance_is_overdraft_and_the_next_grant_pays_it_off_first()
    {
        var book = With(Grant("a", 10)).Burn(15 * Usd, T0, "evt").Book;

        var (outcome, change) = book.Add(Grant("b", 20, at: T0.AddHours(1)));

        Assert.Equal(GrantOutcome.Added, outcome);
        Assert.Equal(0, change.Book.OverdraftNanos);
        Assert.Equal(15 * Usd, change.Book.BalanceNanos(T0.AddHours(1)));
        Assert.Equal(15 * Usd, change.Book.Grant("b")!.RemainingNanos);
    }

    [Fact]
    public void The_same_grant_twice_is_one_grant_and_another_body_under_its_id_conflicts()
    {
        var book = With(Grant("a", 10));

        Assert.Equal(GrantOutcome.AlreadyGranted, book.Add(Grant("a", 10)).Outcome);
        Assert.Equal(GrantOutcome.Conflict, book.Add(Grant("a", 11)).Outcome);
        Assert.Equal(10 * Usd, book.BalanceNanos(T0));
    }

    [Fact]
    public void Void_takes_what_is_left_once_and_expiry_is_recorded_once()
    {
        var book = With(Grant("a", 10), Grant("b", 10, expires: T0.AddDays(1))).Burn(4 * Usd, T0, "evt").Book;

        var voided = book.Void("a", T0)!;
        var again = voided.Book.Void("a", T0)!;
        var expired = voided.Book.ExpireDue(T0.AddDays(2));
        var expiredAgain = expired.Book.ExpireDue(T0.AddDays(3));

        // The 4 USD burned from "b" first: it expires, "a" does not.
        Assert.Equal(10 * Usd, Assert.Single(voided.Entries).AmountNanos);
        Assert.True(again.IsEmpty);
        Assert.Equal((CreditEntryKind.Expiry, 6 * Usd), (Assert.Single(expired.Entries).Kind, expired.Entries[0].AmountNanos));
        Assert.True(expiredAgain.IsEmpty);
        Assert.Equal(0, expired.Book.BalanceNanos(T0.AddDays(2)));
        Assert.Null(book.Void("missing", T0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Grants_burns_expiries_and_voids_in_any_order_keep_the_balance_identity(int seed)
    {
        var random = new Random(seed);
        var book = CreditBook.Empty;
        var entries = new List<CreditEntry>();
        var now = T0;
        for (var step = 0; step < 2_000; step++)
        {
            now = now.AddMinutes(random.Next(0, 180));
            CreditChange? change = random.Next(10) switch
            {
                0 or 1 => book.Add(NewGrant($"g{step}", now)).Change,
                2 => book.ExpireDue(now),
                3 when book.Grants.Count > 0 => book.Void(book.Grants[random.Next(book.Grants.Count)].Id, now),
                _ => book.Burn(random.NextInt64(0, 20 * Usd), now.AddMinutes(-random.Next(0, 60)), $"evt-{step}"),
            };
            if (change is null) continue;
            book = change.Book;
            entries.AddRange(change.Entries);

            var recorded = book.ExpireDue(now);
            Assert.Equal(Identity(entries.Concat(recorded.Entries)), recorded.Book.BalanceNanos(now));
            Assert.Equal(recorded.Book.BalanceNanos(now), book.BalanceNanos(now));
            Assert.All(book.Grants, g => Assert.InRange(g.RemainingNanos, 0, g.AmountNanos));
            Assert.True(book.OverdraftNanos >= 0);
        }

        CreditGrant NewGrant(string id, DateTimeOffset at)
        {
            var amount = random.NextInt64(1, 50 * Usd);
            return new CreditGrant(id, amount, amount, random.Next(0, 3), at, random.Next(3) == 0 ? null : at.AddHours(random.Next(1, 200)), null);
        }
    }

    private static long Identity(IEnumerable<CreditEntry> entries) => entries.Sum(e => e.Kind == CreditEntryKind.Grant ? e.AmountNanos : -e.AmountNanos);
}

public sealed class PayerRuleTests
{
    private static readonly Billing.Domain.Subjects.SubjectId Team = new(Billing.Domain.Subjects.SubjectKind.Team, "t");
    private static readonly Billing.Domain.Subjects.SubjectId Key = new(Billing.Domain.Subjects.SubjectKind.Key, "k");
    private static readonly Billing.Domain.Subjects.SubjectId User = new(Billing.Domain.Subjects.SubjectKind.User, "u");

    [Fact]
    public void The_payer_is_the_first_prepaid_subject_in_the_configured_order()
    {
        Assert.Equal(Team, PayerRule.Default.Choose([Key, User, Team], _ => true));
        Assert.Equal(User, PayerRule.Default.Choose([Key, User, Team], s => s != Team));
        Assert.Null(PayerRule.Default.Choose([Key, User], _ => false));
        Assert.True(PayerRule.TryParse("key, user", out var rule));
        Assert.Equal(Key, rule.Choose([Team, User, Key], _ => true));
        Assert.Null(rule.Choose([Team], _ => true));
    }

    [Theory]
    [InlineData("team,team")]
    [InlineData("team,tenant")]
    [InlineData(",")]
    public void A_bad_payer_order_is_refused(string text) => Assert.False(PayerRule.TryParse(text, out _));
}

public sealed class CreditBurnEventsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_posting_of_many_events_burns_with_one_entry_per_grant_and_keeps_the_balance_exact()
    {
        var book = CreditBook.Empty.Add(new CreditGrant("a", 1_000_000_000, 1_000_000_000, 0, T0, null, null)).Change.Book
            .Add(new CreditGrant("b", 5_000_000_000, 5_000_000_000, 1, T0, null, null)).Change.Book;
        var events = Enumerable.Range(0, 98).Select(i => new Infrastructure.UsageEventBuilder().WithCost(0.0123456789m).At(T0.AddSeconds(i)).Build())
            .Append(new Infrastructure.UsageEventBuilder().WithCost(9m).Failed().At(T0).Build()).ToList();

        var change = book.BurnEvents(events);

        Assert.Equal(["a", "b"], change.Entries.Select(e => e.GrantId).Order());
        var total = 98 * Billing.Domain.Money.MoneyUnits.ToNanos(0.0123456789m);
        Assert.Equal(total, change.Entries.Sum(e => e.AmountNanos));
        Assert.Equal(6_000_000_000 - total, change.Book.BalanceNanos(T0.AddMinutes(5)));
        Assert.All(change.Entries, e => Assert.EndsWith("+97", e.Reference));
    }
}
