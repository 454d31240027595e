using Billing.Functions.Auth;
using Billing.Functions.Guardrail;
using Billing.Functions.Problems;
#if DEV_TOOLS
using Scalar.AspNetCore;
#endif

namespace Billing.Functions.OpenApi;

public static class OpenApiEndpoints
{
    /// <summary>Where the document is served, in both hosts (functions/OpenApi forwards the same route).</summary>
    public const string Pattern = "/openapi/{documentName}.json";

    /// <summary>
    /// One OpenAPI document, <c>v1</c>, written from <see cref="ApiOperations"/> (route metadata is not used: the
    /// catch-all routes cannot be described from it). Its schemas come from the source-generated JSON contexts.
    /// </summary>
    public static IServiceCollection AddBillingOpenApi(this IServiceCollection services)
    {
        // The guardrail's types live in their own context (null fields left out); the generator needs them too.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(GuardrailJsonContext.Default));
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = _ => false;
            o.AddSchemaTransformer(new NullablePropertyTransformer());
            o.AddDocumentTransformer(new ApiDocumentTransformer());
        });
        return services;
    }

    /// <summary>
    /// <c>GET /openapi/v1.json</c>, behind any one key (ingest, check or admin) as Bearer; in Development open, with
    /// the Scalar reference page at <c>/scalar</c>.
    /// </summary>
    public static WebApplication MapBillingOpenApi(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        var document = app.MapOpenApi(Pattern);
        if (!development) document.RequireAnyKey();
#if DEV_TOOLS
        // Not in the packages (scripts/package.sh builds without development tooling).
        if (development) app.MapScalarApiReference(o => o.WithTitle("Billing"));
#endif
        return app;
    }
}
