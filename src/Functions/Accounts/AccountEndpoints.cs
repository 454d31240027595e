using Billing.Domain.Subjects;
using Billing.Functions.Auth;
using Billing.Functions.Json;
using Billing.Functions.Problems;
using Billing.Functions.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Accounts;

public static class AccountEndpoints
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddSingleton<AccountHandler>()
        .AddSingleton<UsageReportHandler>()
        .AddSingleton<RecentEventsHandler>()
        .AddSingleton<AccountListHandler>();

    /// <summary>
    /// <c>PUT|GET /api/accounts/{subject}</c> (subject as <c>kind:id</c>, percent-encoded; <c>ETag</c> and
    /// <c>If-Match</c> guard concurrent admin updates), <c>POST /api/accounts/{subject}/budgets/{name}/reset</c>, the
    /// reports <c>GET /api/accounts/{subject}/usage</c> and <c>…/events</c>, and the list <c>GET /api/accounts</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SubjectRoute.Prefix.TrimEnd('/')).RequireKey(KeyScope.Admin);
        group.MapGet("", ListAsync);
        group.MapPut("/{**subject}", PutAsync);
        group.MapGet("/{**subject}", GetAsync);
        group.MapPost("/{**subject}", PostAsync);
        group.MapDelete("/{**subject}", Credits.CreditEndpoints.DeleteAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> PutAsync(
        HttpContext context, AccountHandler handler, CancellationToken cancellationToken)
    {
        if (SubjectRoute.SubResource(context) is not null || Credits.CreditRoute.Read(context) is not null)
            return TypedResults.Problem(BillingProblems.Field("path",
                "usage, events and credits are not written with PUT; percent-encode the '/' of a subject id that ends in one of them (%2F)", StatusCodes.Status405MethodNotAllowed));
        if (!SubjectRoute.TryRead(context, out var subject, out var raw)) return InvalidSubject(raw);
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.AccountRequest, cancellationToken);
        if (body.Problem is { } invalid) return TypedResults.Problem(invalid);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        return Answer(context, handler, await handler.PutAsync(subject, body.Value, string.IsNullOrEmpty(ifMatch) ? null : ifMatch, cancellationToken));
    }

    /// <summary>The account, or (by the end of the target, see <see cref="SubjectRoute.TryReadGet"/>) its usage report, its recent events, or the list.</summary>
    private static async Task<IResult> GetAsync(
        HttpContext context, AccountHandler handler, UsageReportHandler reports, RecentEventsHandler tail, AccountListHandler list, Credits.CreditHandler credits, CancellationToken cancellationToken)
    {
        if (Credits.CreditRoute.Read(context) is { } creditRoute) return await Credits.CreditEndpoints.GetAsync(creditRoute, context, credits, cancellationToken);
        if (!SubjectRoute.TryReadGet(context, out var resource, out var subject, out var raw)) return InvalidSubject(raw);
        var query = context.Request.Query;
        switch (resource)
        {
            case SubjectResource.Usage:
                var usage = await reports.GetAsync(subject, query, cancellationToken);
                return usage.Value is { } report ? TypedResults.Json(report, BillingJsonContext.Default.UsageReportResponse) : HandlerResults.Problem(usage.Problem);
            case SubjectResource.Events:
                var recent = await tail.GetAsync(subject, query, cancellationToken);
                return recent.Value is { } events ? TypedResults.Json(events, BillingJsonContext.Default.RecentEventsResponse) : HandlerResults.Problem(recent.Problem);
            case SubjectResource.List:
                var listed = await list.ListAsync(query, cancellationToken);
                return listed.Value is { } page ? TypedResults.Json(page, BillingJsonContext.Default.AccountListResponse) : HandlerResults.Problem(listed.Problem);
            default:
                var result = await handler.GetAsync(subject, cancellationToken);
                if (result.Outcome != AccountOutcome.Ok || result.State is not { } state) return HandlerResults.Problem(result.Problem);
                if (state.Account is not null) context.Response.Headers.ETag = state.AccountETag;
                return TypedResults.Json(handler.ToResponse(state), BillingJsonContext.Default.AccountResponse);
        }
    }

    /// <summary><c>GET /api/accounts</c>: a page of the account list.</summary>
    private static async Task<Results<JsonHttpResult<AccountListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, AccountListHandler list, CancellationToken cancellationToken)
    {
        var listed = await list.ListAsync(context.Request.Query, cancellationToken);
        return listed.Value is { } page ? TypedResults.Json(page, BillingJsonContext.Default.AccountListResponse) : HandlerResults.Problem(listed.Problem);
    }

    /// <summary>A POST under an account: a credit grant (<c>…/credits</c>), a window reset (<c>…/budgets/{name}/reset</c>) or a page link (<c>…/dashboard-link</c>).</summary>
    private static async Task<IResult> PostAsync(
        HttpContext context, AccountHandler handler, Credits.CreditHandler credits, CancellationToken cancellationToken)
    {
        if (SubjectRoute.TryReadReset(context, out var subject, out var window, out var raw))
        {
            var ifMatch = context.Request.Headers.IfMatch.ToString();
            return Answer(context, handler, await handler.ResetAsync(subject, window, string.IsNullOrEmpty(ifMatch) ? null : ifMatch, cancellationToken));
        }
        if (Credits.CreditRoute.Read(context) is { } creditRoute) return await Credits.CreditEndpoints.PostAsync(creditRoute, context, credits, cancellationToken);
        if (SubjectRoute.TryReadDashboardLink(context, out var linked)) return await Dashboard.DashboardEndpoints.CreateLinkAsync(context, linked, cancellationToken);
        return SubjectId.TryParse(raw, out _)
            ? TypedResults.Problem(BillingProblems.Field("path", "expected POST /api/accounts/{subject}/budgets/{name}/reset, …/credits or …/dashboard-link", StatusCodes.Status404NotFound))
            : InvalidSubject(raw);
    }

    private static Results<JsonHttpResult<AccountResponse>, ProblemHttpResult> Answer(HttpContext context, AccountHandler handler, AccountResult result)
    {
        if (result.Outcome != AccountOutcome.Ok || result.State is not { } state) return HandlerResults.Problem(result.Problem);
        if (state.Account is not null) context.Response.Headers.ETag = state.AccountETag;
        return TypedResults.Json(handler.ToResponse(state), BillingJsonContext.Default.AccountResponse);
    }

    private static ProblemHttpResult InvalidSubject(string raw) => TypedResults.Problem(BillingProblems.Field(
        "subject", $"'{(raw.Length > 80 ? raw[..80] + "…" : raw)}' is not kind:id with kind {SubjectKinds.Names}"));
}
