using Billing.Functions.Problems;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

public static class AuthExtensions
{
    public static IServiceCollection AddBillingAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .Validate(HasDistinctKeys, "Auth:IngestKey, Auth:AdminKey and every Auth:CheckKeys entry must be distinct, each at least 16 characters.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }

    /// <summary>Requires a key of <paramref name="scope"/>; otherwise 401 with a problem body.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyScope scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var authenticator = http.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
            if (authenticator.IsAuthorized(scope, http.Request.Headers.Authorization.ToString())) return await next(context);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(BillingProblems.Unauthorized(scope.ToString().ToLowerInvariant()));
        });

    private static bool HasDistinctKeys(AuthOptions auth)
    {
        var all = auth.CheckKeyList.Append(auth.IngestKey).Append(auth.AdminKey).ToList();
        return all.All(k => k.Length >= AuthOptions.MinKeyLength) && all.Distinct(StringComparer.Ordinal).Count() == all.Count;
    }
}
