using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddBillingStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(o => o.HasTableStorage, "Set Storage:ConnectionString (local; ./run.sh starts Azurite and sets it) or Storage:TableServiceUri (Azure, managed identity).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => new BillingTables(sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetService<Azure.Data.Tables.TableClientOptions>()));
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName)
            .Validate(o => o.Window >= TimeSpan.Zero && o.Window <= TimeSpan.FromMinutes(5), "Check:Cache:Window must be between 0 (off) and 5 minutes.")
            .Validate(o => o.MaxEntries > 0, "Check:Cache:MaxEntries must be positive.");
        services.AddSingleton<SubjectStateCache>();
        services.AddSingleton<SubjectStore>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<PostingRows>();
        services.AddSingleton(sp => new LedgerWriter(sp.GetRequiredService<BillingTables>(), sp.GetRequiredService<SubjectStateCache>(),
            sp.GetRequiredService<SubjectStore>(), sp.GetRequiredService<PostingRows>(), sp.GetRequiredService<IOptions<Credits.BillingOptions>>().Value.PayerRule,
            sp.GetRequiredService<IOptions<Lago.LagoOptions>>().Value.Charge, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CreditStore>();
        services.AddOptions<Credits.BillingOptions>().BindConfiguration(Credits.BillingOptions.SectionName)
            .Validate(o => o.IsValid, "Billing:PayerOrder must list subject kinds (key, user, team, org, end_user), each at most once, e.g. 'team,org,user,key,end_user'.")
            .ValidateOnStart();
        services.AddSingleton<AccountIndex>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<ManualEntryStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
