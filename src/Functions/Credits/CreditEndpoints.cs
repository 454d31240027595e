using Billing.Functions.Json;
using Billing.Functions.Problems;

namespace Billing.Functions.Credits;

/// <summary>
/// <c>POST|GET /api/accounts/{subject}/credits</c>, <c>GET …/credits/entries?limit=</c> and
/// <c>DELETE …/credits/{grant_id}</c> (admin key). The account routes are catch-alls (subject ids may hold <c>/</c>), so
/// they hand these targets here (<see cref="CreditRoute"/>).
/// </summary>
public static class CreditEndpoints
{
    public static IServiceCollection AddCredits(this IServiceCollection services) => services.AddSingleton<CreditHandler>();

    public static async Task<IResult> GetAsync(CreditRoute route, HttpContext context, CreditHandler handler, CancellationToken cancellationToken) => route.Target switch
    {
        CreditTarget.Book => Answer(await handler.ListAsync(route.Subject, cancellationToken)),
        CreditTarget.Entries => Answer(await handler.EntriesAsync(route.Subject, context.Request.Query["limit"].FirstOrDefault(), cancellationToken)),
        _ => NotHere("GET"),
    };

    public static async Task<IResult> PostAsync(CreditRoute route, HttpContext context, CreditHandler handler, CancellationToken cancellationToken)
    {
        if (route.Target != CreditTarget.Book) return NotHere("POST");
        var body = await RequestBody.ReadAsync(context, BillingJsonContext.Default.CreditGrantRequest, cancellationToken);
        return body.Problem is { } invalid ? TypedResults.Problem(invalid) : Answer(await handler.GrantAsync(route.Subject, body.Value, cancellationToken));
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, CreditHandler handler, CancellationToken cancellationToken) =>
        CreditRoute.Read(context) is { Target: CreditTarget.Grant } route
            ? Answer(await handler.VoidAsync(route.Subject, route.GrantId!, cancellationToken))
            : TypedResults.Problem(BillingProblems.Field("path", "expected DELETE /api/accounts/{subject}/credits/{grant_id}", StatusCodes.Status404NotFound));

    private static IResult Answer(CreditResult result) => result switch
    {
        { Failure: { } problem } => TypedResults.Problem(problem),
        { Book: { } book } => TypedResults.Json(book, BillingJsonContext.Default.CreditsResponse, statusCode: result.Status),
        { Ledger: { } entries } => TypedResults.Json(entries, BillingJsonContext.Default.CreditEntriesResponse),
        _ => throw new InvalidOperationException("A credit result holds neither a value nor a problem."),
    };

    private static IResult NotHere(string method) =>
        TypedResults.Problem(BillingProblems.Field("path", $"{method} is not served here; see /api/accounts/{{subject}}/credits", StatusCodes.Status405MethodNotAllowed));
}
