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
    /// when <paramref name="headers"/> says so (only the routes LiteLLM's guardrail calls); otherwise 401 with a problem
    /// body. Checked by <see cref="UseKeyChecks"/> before the body is looked at, so a caller without a key learns nothing
    /// about what the route would accept.
    /// </summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyScope scope, KeyHeaders headers = KeyHeaders.Bearer) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredKey(scope, headers));

    /// <summary>Any one of the service's keys (ingest, check or admin) as <c>Authorization: Bearer</c>: health and the OpenAPI document; 401 otherwise.</summary>
    public static TBuilder RequireAnyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredKey(null, KeyHeaders.Bearer));

    /// <summary>
    /// Answers 401 for a routed endpoint whose <see cref="RequiredKey"/> the request does not present. After routing and
    /// the rate limiter, before <c>UseJsonBodies</c> and the endpoint: a keyless request is a 401 whatever its body.
    /// </summary>
    public static IApplicationBuilder UseKeyChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Every requirement holds (a group's and its endpoint's), as the filters this replaces each had to pass.
        var requirements = context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredKey>() ?? [];
        var keys = requirements.Count == 0 ? null : PresentedKeys.Of(context);
        if (requirements.FirstOrDefault(r => !r.IsPresentedBy(keys!)) is not { } required)
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var problem = required.Scope is { } scope
            ? BillingProblems.Unauthorized(scope.ToString().ToLowerInvariant(), required.Headers == KeyHeaders.BearerOrApiKey ? ApiKeyHeader : null)
            : BillingProblems.Unauthorized("ingest, check or admin");
        await TypedResults.Problem(problem).ExecuteAsync(context);
    });
}

/// <summary>Endpoint metadata: the key a route needs (<see cref="Scope"/> null: any of the service's keys) and where it may come.</summary>
public sealed record RequiredKey(KeyScope? Scope, KeyHeaders Headers)
{
    public bool IsPresentedBy(PresentedKeys keys) => Scope is not { } scope
        ? keys.Bearer is not null
        : keys.Bearer == scope | (Headers == KeyHeaders.BearerOrApiKey && keys.ApiKey == scope);
}
