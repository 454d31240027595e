using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Credits;

/// <summary>What a credit operation came to; the endpoints map it to HTTP.</summary>
public sealed record CreditResult(int Status, CreditsResponse? Book = null, CreditEntriesResponse? Ledger = null, ProblemDetails? Failure = null)
{
    public static CreditResult Credits(CreditsResponse book, int status) => new(status, book);
    public static CreditResult Entries(CreditEntriesResponse entries) => new(StatusCodes.Status200OK, Ledger: entries);
    public static CreditResult Problem(ProblemDetails problem) => new(problem.Status ?? StatusCodes.Status400BadRequest, Failure: problem);
}
