using Billing.Domain.Subjects;
using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Accounts;

public static class AccountEndpoints
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddSingleton<AccountHandler>();

    /// <summary>
    /// <c>PUT|GET /api/accounts/{subject}</c> (subject as <c>kind:id</c>, percent-encoded; <c>ETag</c> and
    /// <c>If-Match</c> guard concurrent admin updates) and <c>POST /api/accounts/{subject}/budgets/{name}/reset</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SubjectRoute.Prefix.TrimEnd('/')).RequireKey(KeyScope.Admin);
        group.MapPut("/{**subject}", PutAsync);
        group.MapGet("/{**subject}", GetAsync);
        group.MapPost("/{**subject}", ResetAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> PutAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (!SubjectRoute.TryRead(context, out var subject, out var raw)) return InvalidSubject(raw);
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.AccountRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        return Answer(context, handler, await handler.PutAsync(subject, body.Value, string.IsNullOrEmpty(ifMatch) ? null : ifMatch, cancellationToken));
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (!SubjectRoute.TryRead(context, out var subject, out var raw)) return InvalidSubject(raw);
        return Answer(context, handler, await handler.GetAsync(subject, cancellationToken));
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> ResetAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (!SubjectRoute.TryReadReset(context, out var subject, out var window, out var raw))
        {
            return SubjectId.TryParse(raw, out _)
                ? TypedResults.Problem(BillingProblems.Field("path", "expected POST /api/accounts/{subject}/budgets/{name}/reset", StatusCodes.Status404NotFound))
                : InvalidSubject(raw);
        }
        return Answer(context, handler, await handler.ResetAsync(subject, window, cancellationToken));
    }

    private static Results<JsonHttpResult<AccountResponse>, ProblemHttpResult> Answer(HttpContext context, AccountHandler handler, AccountResult result)
    {
        if (result.Outcome != AccountOutcome.Ok || result.State is not { } state) return TypedResults.Problem(result.Problem!);
        if (state.Account is not null) context.Response.Headers.ETag = state.AccountETag;
        return TypedResults.Json(handler.ToResponse(state), BillingJsonContext.Default.AccountResponse);
    }

    private static ProblemHttpResult InvalidSubject(string raw) => TypedResults.Problem(BillingProblems.Field(
        "subject", $"'{(raw.Length > 80 ? raw[..80] + "…" : raw)}' is not kind:id with kind {SubjectKinds.Names}"));
}
