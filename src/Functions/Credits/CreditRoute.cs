using Billing.Domain.Subjects;
using Billing.Functions.Accounts;

namespace Billing.Functions.Credits;

/// <summary>
/// The credit targets under an account, read from the raw request target like the account's own:
/// <c>{subject}/credits</c>, <c>{subject}/credits/entries</c> and <c>{subject}/credits/{grant_id}</c>. A subject id
/// that itself contains <c>/credits</c> is sent with that <c>/</c> as <c>%2F</c>.
/// </summary>
public readonly record struct CreditRoute(CreditTarget Target, SubjectId Subject, string? GrantId)
{
    private const string Credits = "/credits";
    private const string Entries = "/credits/entries";

    public static CreditRoute? Read(HttpContext context)
    {
        var remainder = SubjectRoute.RawRemainder(context);
        string subjectPart;
        CreditTarget target;
        string? grant = null;
        if (remainder.EndsWith(Entries, StringComparison.Ordinal))
            (subjectPart, target) = (remainder[..^Entries.Length], CreditTarget.Entries);
        else if (remainder.EndsWith(Credits, StringComparison.Ordinal))
            (subjectPart, target) = (remainder[..^Credits.Length], CreditTarget.Book);
        else if (remainder.LastIndexOf(Credits + "/", StringComparison.Ordinal) is var at and > 0 && remainder.IndexOf('/', at + Credits.Length + 1) < 0)
            (subjectPart, target, grant) = (remainder[..at], CreditTarget.Grant, Uri.UnescapeDataString(remainder[(at + Credits.Length + 1)..]));
        else return null;
        return SubjectId.TryParse(Uri.UnescapeDataString(subjectPart), out var subject) && (target != CreditTarget.Grant || grant is { Length: > 0 })
            ? new CreditRoute(target, subject, grant)
            : null;
    }
}

public enum CreditTarget
{
    /// <summary><c>{subject}/credits</c>: the grants and the balance (GET), a new grant (POST).</summary>
    Book,

    /// <summary><c>{subject}/credits/entries</c>: the credit ledger (GET).</summary>
    Entries,

    /// <summary><c>{subject}/credits/{grant_id}</c>: void what is left of it (DELETE).</summary>
    Grant,
}
