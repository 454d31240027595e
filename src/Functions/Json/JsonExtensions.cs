namespace Billing.Functions.Json;

public static class JsonExtensions
{
    /// <summary>
    /// The HTTP JSON options resolve our types from the source-generated context first, and follow its wire rules
    /// (snake_case, numbers as numbers). The endpoints serialize with the context itself; the OpenAPI generator reads
    /// these options, so its schemas say what the wire says.
    /// </summary>
    public static IServiceCollection AddBillingJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            var wire = BillingJsonContext.Default.Options;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, BillingJsonContext.Default);
            o.SerializerOptions.PropertyNamingPolicy = wire.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = wire.NumberHandling;
            o.SerializerOptions.DefaultIgnoreCondition = wire.DefaultIgnoreCondition;
        });
}
