using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Accounts;

public static class AccountEndpoints
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddSingleton<AccountHandler>();

    /// <summary><c>PUT|GET /api/accounts/{subject}</c>, subject as <c>kind:id</c>, percent-encoded.</summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SubjectRoute.Prefix.TrimEnd('/')).RequireKey(KeyScope.Admin);
        group.MapPut("/{**subject}", PutAsync);
        group.MapGet("/{**subject}", GetAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> PutAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (!SubjectRoute.TryRead(context, out var subject, out var raw)) return InvalidSubject(raw);
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.AccountRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var (response, problem) = await handler.PutAsync(subject, body.Value, cancellationToken);
        return problem is not null ? TypedResults.Problem(problem) : TypedResults.Json(response!, BillingJsonContext.Default.AccountResponse);
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (!SubjectRoute.TryRead(context, out var subject, out var raw)) return InvalidSubject(raw);
        return await handler.GetAsync(subject, cancellationToken) is { } response
            ? TypedResults.Json(response, BillingJsonContext.Default.AccountResponse)
            : TypedResults.Problem(BillingProblems.Field("subject", $"{subject} has no account and no usage", StatusCodes.Status404NotFound));
    }

    private static ProblemHttpResult InvalidSubject(string raw) => TypedResults.Problem(BillingProblems.Field(
        "subject", $"'{(raw.Length > 80 ? raw[..80] + "…" : raw)}' is not kind:id with kind key, user, team, org or end_user"));
}
