using Billing.Domain.Budgets;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Storage;

public sealed class AccountIndexTests(AzuriteFixture azurite)
{
    private readonly TestStorage _storage = new(azurite);

    private Task SaveAsync(SubjectId subject, params string[] windows)
    {
        var builder = new AccountBuilder().For(subject).OwnedBy("ops@acme.example").In("Europe/Berlin");
        foreach (var name in windows) builder.WithBudget(10m, WindowPeriod.Daily, name);
        return _storage.Accounts.SaveAsync(builder.Build(), null, _storage.Time.GetUtcNow(), default);
    }

    [Fact]
    public async Task A_saved_account_is_listed_with_its_owners_time_zone_and_windows()
    {
        await SaveAsync(new SubjectId(SubjectKind.Team, "acme"), "daily", "monthly");

        var page = await _storage.Index.ListAsync("", 100, null, default);

        Assert.Equal([new AccountListing("team:acme", ["ops@acme.example"], "Europe/Berlin", ["daily", "monthly"])], page.Accounts);
        Assert.Null(page.After);
    }

    [Fact]
    public async Task Saving_again_replaces_the_accounts_row()
    {
        var subject = new SubjectId(SubjectKind.Team, "acme");
        await SaveAsync(subject, "daily");
        await SaveAsync(subject, "weekly");

        var page = await _storage.Index.ListAsync("", 100, null, default);

        Assert.Equal(["weekly"], Assert.Single(page.Accounts).Windows);
    }

    [Fact]
    public async Task A_prefix_lists_only_the_subjects_that_start_with_it_odd_and_long_ids_included()
    {
        string[] teams = ["team:a/b#c?d", "team:acme", "team:acme-eu", "team:" + new string('x', 400), "team:ünï 🚀"];
        foreach (var subject in teams.Concat(["user:acme", "org:team", "key:team:x", "end_user:team:acme"]))
            await SaveAsync(SubjectId.TryParse(subject, out var parsed) ? parsed : throw new ArgumentException(subject));

        var page = await _storage.Index.ListAsync("team:", 100, null, default);
        var slash = await _storage.Index.ListAsync("team:a/", 100, null, default);
        var acme = await _storage.Index.ListAsync("team:acme", 100, null, default);
        var longId = await _storage.Index.ListAsync("team:" + new string('x', 59), 100, null, default);

        Assert.Equal(teams.Order(StringComparer.Ordinal), page.Accounts.Select(a => a.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(["team:a/b#c?d"], slash.Accounts.Select(a => a.Subject));
        Assert.Equal(["team:acme", "team:acme-eu"], acme.Accounts.Select(a => a.Subject));
        Assert.Equal(["team:" + new string('x', 400)], longId.Accounts.Select(a => a.Subject));
    }

    [Fact]
    public async Task Pages_continue_after_the_last_key_without_gaps_or_repeats()
    {
        var subjects = Enumerable.Range(0, 7).Select(i => new SubjectId(SubjectKind.Key, $"k{i}")).ToList();
        foreach (var subject in subjects) await SaveAsync(subject);
        await SaveAsync(new SubjectId(SubjectKind.User, "u"));

        var listed = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await _storage.Index.ListAsync("key:", 3, after, default);
            Assert.InRange(page.Accounts.Count, 1, 3);
            listed.AddRange(page.Accounts.Select(a => a.Subject));
            after = page.After;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(subjects.Select(s => s.ToString()), listed);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_account_has_no_continuation()
    {
        foreach (var i in Enumerable.Range(0, 4)) await SaveAsync(new SubjectId(SubjectKind.Key, $"k{i}"));

        var page = await _storage.Index.ListAsync("", 4, null, default);

        Assert.Equal(4, page.Accounts.Count);
        Assert.Null(page.After);
    }

    [Theory]
    [InlineData("team:", "team;")]
    [InlineData("a", "b")]
    [InlineData("", null)]
    [InlineData("x\uE000", null)]
    [InlineData("x\uD83D\uDE80", null)]
    public void The_key_range_of_a_prefix_ends_where_its_last_character_increments(string prefix, string? end)
    {
        Assert.Equal(end, AccountIndex.PrefixEnd(prefix));
    }
}
