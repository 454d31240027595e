using Billing.Functions.Budgets;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Infrastructure;

/// <summary>Storage adapters wired by hand on their own tables, for adapter tests without the web host.</summary>
public sealed class TestStorage
{
    public TestStorage(AzuriteFixture azurite)
    {
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            TablePrefix = TestNames.TablePrefix(),
        });
        Tables = new BillingTables(Options);
        Cache = new SubjectStateCache(Microsoft.Extensions.Options.Options.Create(new CacheOptions()), Time);
        Subjects = new SubjectStore(Tables, Cache);
        Due = new DueIndex(Tables);
        Rows = new PostingRows(Tables, Due, Time);
        Ledger = new LedgerWriter(Tables, Cache, Subjects, Rows);
        Index = new AccountIndex(Tables);
        Accounts = new AccountStore(Tables, Subjects, Cache, Rows, Due, Index, Microsoft.Extensions.Options.Options.Create(new BudgetRolloverOptions()));
        Quarantine = new QuarantineStore(Tables, Time);
    }

    public IOptions<StorageOptions> Options { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    public BillingTables Tables { get; }
    public SubjectStateCache Cache { get; }
    public SubjectStore Subjects { get; }
    public DueIndex Due { get; }
    public PostingRows Rows { get; }
    public LedgerWriter Ledger { get; }
    public AccountIndex Index { get; }
    public AccountStore Accounts { get; }
    public QuarantineStore Quarantine { get; }

    /// <summary>A ledger writer as another app instance on the same tables has it: its own cache, state and gates.</summary>
    public static LedgerWriter OtherInstanceWriter(BillingTables tables, TimeProvider time)
    {
        var cache = new SubjectStateCache(Microsoft.Extensions.Options.Options.Create(new CacheOptions()), time);
        return new LedgerWriter(tables, cache, new SubjectStore(tables, cache), new PostingRows(tables, new DueIndex(tables), time));
    }
}
