using Billing.Domain.Credits;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Credits;

/// <summary>Grants, lists and voids prepaid credit, and reads the credit ledger.</summary>
public sealed class CreditHandler(CreditStore credits, BillingTables tables, TimeProvider time)
{
    public const int MaxEntries = 1000;
    private const decimal MaxAmount = 1_000_000_000_000m;

    public async Task<CreditResult> GrantAsync(SubjectId subject, CreditGrantRequest? request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validated = Validate(request, now);
        if (validated.Problem is { } problem) return CreditResult.Problem(problem);
        (GrantOutcome Outcome, CreditBook Book)? granted;
        try
        {
            granted = await credits.GrantAsync(subject, validated.Value!, cancellationToken);
        }
        catch (CreditBookFullException e)
        {
            return CreditResult.Problem(BillingProblems.Field("grant_id", e.Message, StatusCodes.Status409Conflict));
        }
        if (granted is not { } result) return NoAccount(subject);
        if (result.Outcome == GrantOutcome.Conflict)
            return CreditResult.Problem(BillingProblems.Field("grant_id", $"'{validated.Value!.Id}' was granted with another body; a grant id is used once", StatusCodes.Status409Conflict));
        return await ReadAsync(subject, result.Outcome == GrantOutcome.Added ? StatusCodes.Status201Created : StatusCodes.Status200OK, cancellationToken);
    }

    public Task<CreditResult> ListAsync(SubjectId subject, CancellationToken cancellationToken) => ReadAsync(subject, StatusCodes.Status200OK, cancellationToken);

    public async Task<CreditResult> VoidAsync(SubjectId subject, string grantId, CancellationToken cancellationToken)
    {
        if (await credits.VoidAsync(subject, grantId, time.GetUtcNow(), cancellationToken) is null)
            return CreditResult.Problem(BillingProblems.Field("grant_id", $"{subject} has no account or no grant '{Clip(grantId)}'", StatusCodes.Status404NotFound));
        return await ReadAsync(subject, StatusCodes.Status200OK, cancellationToken);
    }

    public async Task<CreditResult> EntriesAsync(SubjectId subject, string? limitText, CancellationToken cancellationToken)
    {
        var limit = 100;
        if (limitText is not null && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxEntries))
            return CreditResult.Problem(BillingProblems.Field("limit", $"must be a whole number from 1 to {MaxEntries}"));
        if (await credits.ReadAsync(subject, cancellationToken) is null) return NoAccount(subject);
        var entries = await CreditEntryRow.ReadNewestAsync(tables.Ledger, subject, limit, cancellationToken);
        return CreditResult.Entries(new CreditEntriesResponse(subject.ToString(), entries.Select(CreditView.Entry).ToList()));
    }

    private async Task<CreditResult> ReadAsync(SubjectId subject, int status, CancellationToken cancellationToken) =>
        await credits.ReadAsync(subject, cancellationToken) is { } stored
            ? CreditResult.Credits(CreditView.Of(stored.Account, stored.Book, time.GetUtcNow()), status)
            : NoAccount(subject);

    private static Validated<CreditGrant> Validate(CreditGrantRequest? request, DateTimeOffset now)
    {
        if (request is null) return Problem("body", "is missing; expected {\"grant_id\": \"...\", \"amount\": 25}");
        if (request.GrantId is not { Length: > 0 and <= CreditGrant.MaxIdLength } id || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            return Problem("grant_id", $"is required: 1 to {CreditGrant.MaxIdLength} letters, digits, '-', '_', '.' or ':'");
        if (request.Amount is not { } amount) return Problem("amount", "is required");
        if (amount <= 0 || amount > MaxAmount || amount != MoneyUnits.RoundToNanos(amount))
            return Problem("amount", $"must be above 0 and at most {MaxAmount}, with at most nine decimals");
        if (request.ExpiresAt is { } expires && expires <= now) return Problem("expires_at", "must be in the future");
        if (request.Priority is < 0 or > 1000) return Problem("priority", "must be from 0 to 1000");
        if (request.Reason is { Length: > 256 }) return Problem("reason", "must be at most 256 characters");
        var nanos = MoneyUnits.ToNanos(amount);
        return new(new CreditGrant(id, nanos, nanos, request.Priority ?? 1, now, request.ExpiresAt?.ToUniversalTime(), request.Reason), null);
    }

    private static CreditResult NoAccount(SubjectId subject) =>
        CreditResult.Problem(BillingProblems.Field("subject", $"{subject} has no account; create it with PUT /api/accounts/{{subject}} first", StatusCodes.Status404NotFound));

    private static Validated<CreditGrant> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));

    private static string Clip(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
