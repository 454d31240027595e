using Azure.Data.Tables;
using Billing.Domain.Credits;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The marker of a grant id in the subject's partition (RowKey <c>g|&lt;grant id&gt;</c>), inserted with the grant: the
/// idempotency key holds even after the grant itself has left the book (used up and pruned).
/// </summary>
internal static class GrantRow
{
    public const string Prefix = "g|";

    public static string RowKey(string grantId) => Prefix + TableKeys.Encode(grantId);

    public static TableEntity Create(SubjectId subject, CreditGrant grant) => new(SubjectRow.PartitionKey(subject), RowKey(grant.Id))
    {
        ["GrantId"] = grant.Id,
        ["AmountNanos"] = grant.AmountNanos,
        ["Priority"] = grant.Priority,
        ["ExpiresAt"] = grant.ExpiresAt,
        ["Reason"] = grant.Reason,
        ["GrantedAt"] = grant.GrantedAt,
    };

    /// <summary>The grant request the marker recorded (the body the id was first used with).</summary>
    public static CreditGrant Read(TableEntity row)
    {
        var amount = row.GetInt64("AmountNanos") ?? 0;
        return new CreditGrant(row.GetString("GrantId") ?? "", amount, amount, row.GetInt32("Priority") ?? 0,
            row.GetDateTimeOffset("GrantedAt") ?? default, row.GetDateTimeOffset("ExpiresAt"), row.GetString("Reason"));
    }
}
