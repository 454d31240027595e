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
        Ledger = new LedgerWriter(Tables, Cache);
        Subjects = new SubjectStore(Tables, Cache);
        Quarantine = new QuarantineStore(Tables, Time);
    }

    public IOptions<StorageOptions> Options { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    public BillingTables Tables { get; }
    public SubjectStateCache Cache { get; }
    public LedgerWriter Ledger { get; }
    public SubjectStore Subjects { get; }
    public QuarantineStore Quarantine { get; }
}
