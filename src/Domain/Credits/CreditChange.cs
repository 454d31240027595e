namespace Billing.Domain.Credits;

/// <summary>A change to a subject's credits: the book after it and the entries that record it, stored together.</summary>
public sealed record CreditChange(CreditBook Book, IReadOnlyList<CreditEntry> Entries)
{
    public bool IsEmpty => Entries.Count == 0;
}
