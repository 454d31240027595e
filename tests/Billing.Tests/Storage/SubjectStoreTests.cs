using Billing.Domain.Budgets;
using Billing.Domain.Subjects;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Storage;

public sealed class SubjectStoreTests(AzuriteFixture azurite)
{
    private readonly TestStorage _storage = new(azurite);

    public static TheoryData<string> OddIds => new()
    {
        "a/b\\c#d?e",
        "ünïcødé-チーム-🚀",
        "100%~literal%2F",
        new string('x', 500),
        new string('/', 300) + "tail",
        "tab\tnew\nline\u007f",
    };

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task Any_subject_id_round_trips_through_table_keys(string id)
    {
        var subject = new SubjectId(SubjectKind.EndUser, id);
        await _storage.Accounts.SaveAsync(new AccountBuilder().For(subject).WithBudget(5m, WindowPeriod.Weekly).Build(), null, _storage.Time.GetUtcNow(), default);
        await _storage.Ledger.ApplyAsync([new UsageEventBuilder().For(subject).WithCost(0.25m).Build()], default);

        var snapshot = await _storage.Subjects.ReadAsync(subject, default);

        Assert.Equal(subject, snapshot.Account?.Subject);
        Assert.Equal(250_000_000, snapshot.Ledger?.Lifetime.SpentNanos);
    }

    [Fact]
    public async Task Ids_differing_only_after_the_key_prefix_stay_separate()
    {
        var a = new SubjectId(SubjectKind.User, new string('x', 400) + "a");
        var b = new SubjectId(SubjectKind.User, new string('x', 400) + "b");

        await _storage.Ledger.ApplyAsync([new UsageEventBuilder().For(a).WithCost(1m).Build()], default);
        await _storage.Ledger.ApplyAsync([new UsageEventBuilder().For(b).WithCost(2m).Build()], default);

        Assert.Equal(1_000_000_000, (await _storage.Subjects.ReadAsync(a, default)).Ledger?.Lifetime.SpentNanos);
        Assert.Equal(2_000_000_000, (await _storage.Subjects.ReadAsync(b, default)).Ledger?.Lifetime.SpentNanos);
    }

    [Fact]
    public async Task Unknown_subject_reads_as_missing()
    {
        var snapshot = await _storage.Subjects.ReadAsync(new SubjectId(SubjectKind.Org, "nobody"), default);

        Assert.False(snapshot.Exists);
    }
}
