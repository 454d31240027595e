using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddBillingStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(o => o.HasTableStorage, "Set Storage:ConnectionString (local) or Storage:TableServiceUri (Azure, managed identity).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => new BillingTables(sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetService<Azure.Data.Tables.TableClientOptions>()));
        services.AddSingleton<SubjectStore>();
        services.AddSingleton<LedgerWriter>();
        services.AddSingleton<QuarantineStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
