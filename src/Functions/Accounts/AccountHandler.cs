using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Accounts;

/// <summary>Creates, updates, reads accounts and resets their windows. Usage accrues with or without an account.</summary>
public sealed class AccountHandler(SubjectStore store, AccountStore accounts, TimeProvider time)
{
    public async Task<AccountResult> PutAsync(SubjectId subject, AccountRequest? request, string? ifMatch, CancellationToken cancellationToken)
    {
        var validated = AccountValidator.Validate(subject, request);
        if (validated.Problem is { } problem) return AccountResult.Invalid(problem);
        var write = await accounts.SaveAsync(validated.Value!, ifMatch, time.GetUtcNow(), cancellationToken);
        return write.IsSaved
            ? AccountResult.Ok(write.State)
            : Changed(subject, write.State);
    }

    public async Task<AccountResult> GetAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(subject, cancellationToken);
        return state.Exists ? AccountResult.Ok(state) : AccountResult.NotFound(Unknown(subject));
    }

    /// <summary>The 404 of a subject with neither an account nor usage.</summary>
    public static ProblemDetails Unknown(SubjectId subject) =>
        BillingProblems.Field("subject", $"{subject} has no account and no usage", StatusCodes.Status404NotFound);

    public async Task<AccountResult> ResetAsync(SubjectId subject, string window, string? ifMatch, CancellationToken cancellationToken)
    {
        var write = await accounts.ResetAsync(subject, window, ifMatch, time.GetUtcNow(), cancellationToken);
        return write is null
            ? AccountResult.NotFound(BillingProblems.Field("name", $"{subject} has no budget window named '{(window.Length > 64 ? window[..64] : window)}'", StatusCodes.Status404NotFound))
            : write.IsSaved ? AccountResult.Ok(write.State) : Changed(subject, write.State);
    }

    private static AccountResult Changed(SubjectId subject, SubjectState current) => AccountResult.Changed(BillingProblems.Field("If-Match",
        current.Account is null ? $"{subject} has no account yet" : $"the account changed since it was read; its ETag is now {current.AccountETag}",
        StatusCodes.Status412PreconditionFailed));

    public AccountResponse ToResponse(SubjectState state) => AccountView.Of(state, time.GetUtcNow());
}
