using Billing.Functions.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Accounts;

/// <summary>What an account operation came to; the endpoints map it to HTTP (200 with an ETag, 404, 400, 412).</summary>
public sealed record AccountResult(AccountOutcome Outcome, SubjectState? State = null, ProblemDetails? Problem = null)
{
    public static AccountResult Ok(SubjectState state) => new(AccountOutcome.Ok, state);
    public static AccountResult Invalid(ProblemDetails problem) => new(AccountOutcome.Invalid, Problem: problem);
    public static AccountResult NotFound(ProblemDetails problem) => new(AccountOutcome.NotFound, Problem: problem);
    public static AccountResult Changed(ProblemDetails problem) => new(AccountOutcome.PreconditionFailed, Problem: problem);
}

public enum AccountOutcome
{
    Ok,
    Invalid,
    NotFound,
    PreconditionFailed,
}
