namespace Billing.Functions.Json;

public static class JsonExtensions
{
    public static IServiceCollection AddBillingJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BillingJsonContext.Default));
}
