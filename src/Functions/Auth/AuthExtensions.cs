using Billing.Functions.Problems;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddBillingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthKeysValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }

    /// <summary>The header LiteLLM's guardrail sends its <c>api_key</c> in.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>
    /// Requires a key of <paramref name="scope"/> as <c>Authorization: Bearer</c>, or also as <see cref="ApiKeyHeader"/>
    /// when <paramref name="headers"/> says so (only the routes LiteLLM's guardrail calls); otherwise 401 with a problem body.
    /// </summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyScope scope, KeyHeaders headers = KeyHeaders.Bearer) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var keys = PresentedKeys.Of(http);
            var authorized = keys.Bearer == scope | (headers == KeyHeaders.BearerOrApiKey && keys.ApiKey == scope);
            if (authorized) return await next(context);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(BillingProblems.Unauthorized(scope.ToString().ToLowerInvariant(), headers == KeyHeaders.BearerOrApiKey ? ApiKeyHeader : null));
        });

    /// <summary>Any one of the service's keys (ingest, check or admin) as <c>Authorization: Bearer</c>: health and the OpenAPI document; 401 otherwise.</summary>
    public static TBuilder RequireAnyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (PresentedKeys.Of(http).Bearer is not null) return await next(context);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(BillingProblems.Unauthorized("ingest, check or admin"));
        });
}
