using Billing.Domain.Credits;
using Billing.Domain.Lago;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Tests.Domain;

public sealed class LagoDomainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long Usd = 1_000_000_000;
    private static readonly SubjectId Team = new(SubjectKind.Team, "acme");
    private static readonly SubjectId User = new(SubjectKind.User, "ann");

    private static UsageEvent Event(string id, decimal cost, UsageStatus status = UsageStatus.Success, params SubjectId[] subjects) =>
        new(new UsageEventId(id), status, 1_780_000_000, "gpt-4o", "openai", new TokenCounts(100, 20, 0, 0), cost, false, subjects.Length == 0 ? [Team, User] : subjects);

    [Theory]
    [InlineData("team", SubjectKind.Team)]
    [InlineData("team_id", SubjectKind.Team)]
    [InlineData("user_id", SubjectKind.User)]
    [InlineData("end_user_id", SubjectKind.EndUser)]
    [InlineData("end_user", SubjectKind.EndUser)]
    [InlineData("org", SubjectKind.Org)]
    [InlineData("", SubjectKind.Team)]
    public void Charge_by_takes_our_subject_kinds_and_LiteLLM_spellings(string text, SubjectKind expected)
    {
        Assert.True(ChargeRule.TryParse(text, out var rule));
        Assert.Equal(expected, rule.ChargeBy);
    }

    [Fact]
    public void Charge_by_refuses_an_unknown_kind() => Assert.False(ChargeRule.TryParse("customer", out _));

    [Fact]
    public void Lago_charges_the_subject_of_the_charged_kind_for_successful_calls_only()
    {
        var rule = ChargeRule.Default;

        Assert.Equal(Team, rule.Charged(Event("a", 1m)));
        Assert.Null(rule.Charged(Event("b", 1m, UsageStatus.Failure)));
        Assert.Null(rule.Charged(Event("c", 1m, UsageStatus.Success, User)));
    }

    [Fact]
    public void The_outbox_of_a_subject_holds_only_the_events_it_is_charged_for_under_its_subscription()
    {
        var rule = ChargeRule.Default;
        var events = new[] { Event("a", 0.5m), Event("b", 1m, UsageStatus.Failure), Event("c", 2m, UsageStatus.Success, User) };

        var outbox = rule.Outbox(Team, new LagoLink(null, "sub_acme_2026"), events);
        var userOutbox = rule.Outbox(User, LagoLink.Default, events);

        var only = Assert.Single(outbox);
        Assert.Equal("a", only.EventId.Value);
        Assert.Equal("sub_acme_2026", only.ExternalSubscriptionId);
        Assert.Equal(500_000_000, only.CostNanos);
        Assert.Empty(userOutbox);
    }

    [Fact]
    public void A_link_defaults_both_ids_to_the_bare_subject_id()
    {
        Assert.Equal("acme", LagoLink.Default.CustomerOf(Team));
        Assert.Equal("acme", LagoLink.Default.SubscriptionOf(Team));
        var link = new LagoLink("cust-1", null);
        Assert.Equal("cust-1", link.CustomerOf(Team));
        Assert.Equal("acme", link.SubscriptionOf(Team));
    }

    [Theory]
    [InlineData("0.000123", "0.0123")]
    [InlineData("1", "100")]
    [InlineData("0.000000001", "0.0000001")]
    [InlineData("0", "0")]
    [InlineData("12.345678912", "1234.5678912")]
    public void Precise_cents_are_the_exact_cost_times_100(string cost, string cents)
    {
        var e = OutboxEvent.Of(Event("a", decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)), "s");
        Assert.Equal(cents, e.PreciseCents);
    }

    [Fact]
    public void The_mirror_takes_Lagos_figure_and_records_the_change_as_one_signed_sync()
    {
        var book = CreditBook.Empty.MirrorLago(50 * Usd, T0, "lago:acme");

        Assert.Equal(50 * Usd, book.Book.BalanceNanos(T0));
        Assert.True(book.Book.HasLagoWallet);
        var entry = Assert.Single(book.Entries);
        Assert.Equal((CreditEntryKind.Sync, 50 * Usd), (entry.Kind, entry.AmountNanos));

        var burned = book.Book.Burn(20 * Usd, T0, "evt").Book;
        var lower = burned.MirrorLago(25 * Usd, T0.AddMinutes(5), "lago:acme");
        Assert.Equal(25 * Usd, lower.Book.BalanceNanos(T0));
        Assert.Equal(-5 * Usd, Assert.Single(lower.Entries).AmountNanos);
    }

    [Fact]
    public void A_negative_figure_becomes_the_overdraft_and_replaces_the_old_one()
    {
        var book = CreditBook.Empty.MirrorLago(1 * Usd, T0, "l").Book.Burn(3 * Usd, T0, "evt").Book;
        Assert.Equal(-2 * Usd, book.BalanceNanos(T0));

        var mirrored = book.MirrorLago(-4 * Usd, T0, "l");

        Assert.Equal(-4 * Usd, mirrored.Book.BalanceNanos(T0));
        Assert.Equal(4 * Usd, mirrored.Book.OverdraftNanos);
        Assert.Equal(-2 * Usd, Assert.Single(mirrored.Entries).AmountNanos);
    }

    [Fact]
    public void The_mirror_burns_before_every_api_grant()
    {
        var book = CreditBook.Empty.Add(new CreditGrant("promo", 10 * Usd, 10 * Usd, 0, T0, null, null)).Change.Book
            .MirrorLago(5 * Usd, T0, "l").Book;

        var burn = book.Burn(6 * Usd, T0, "evt");

        Assert.Equal([CreditBook.LagoGrantId, "promo"], burn.Entries.Select(e => e.GrantId));
    }

    [Fact]
    public void Without_a_usable_wallet_the_mirror_is_emptied_but_the_subject_stays_prepaid()
    {
        var book = CreditBook.Empty.MirrorLago(5 * Usd, T0, "l").Book;

        var gone = book.MirrorLago(null, T0, "l");

        Assert.True(gone.Book.HasLagoWallet);
        Assert.Equal(0, gone.Book.BalanceNanos(T0));
        Assert.Equal((CreditEntryKind.Sync, -5 * Usd), (Assert.Single(gone.Entries).Kind, gone.Entries[0].AmountNanos));
        Assert.Empty(gone.Book.MirrorLago(null, T0, "l").Entries);
        Assert.Empty(CreditBook.Empty.MirrorLago(null, T0, "l").Entries);
        Assert.False(gone.Book.Void(CreditBook.LagoGrantId, T0)!.Book.HasLagoWallet);
    }

    [Fact]
    public void The_same_figure_twice_records_nothing()
    {
        var book = CreditBook.Empty.MirrorLago(5 * Usd, T0, "l").Book;
        Assert.Empty(book.MirrorLago(5 * Usd, T0.AddMinutes(5), "l").Entries);
    }
}
