using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Credits;

namespace Billing.Functions.Storage;

/// <summary>
/// A subject's <see cref="CreditBook"/> in its state row (column <c>Credits</c>, JSON): the grants with what they have
/// left, and the overdraft. A Table string property holds 32K characters: fully used, expired or voided grants are
/// dropped oldest first until the book fits <see cref="MaxChars"/> (their history stays in the credit entries and their
/// ids in the grant markers); a book whose live grants alone do not fit is refused (<see cref="CreditBookFullException"/>).
/// </summary>
internal static class CreditColumns
{
    public const string Column = "Credits";
    public const int MaxChars = 30_000;

    public static string Write(CreditBook book)
    {
        var grants = book.Grants.ToList();
        while (true)
        {
            var json = Serialize(book.OverdraftNanos, grants);
            if (json.Length <= MaxChars) return json;
            var spent = grants.Where(g => g.RemainingNanos == 0 || g.Voided || g.ExpiryRecorded).MinBy(g => g.GrantedAt);
            if (spent is null) throw new CreditBookFullException(grants.Count);
            grants.Remove(spent);
        }
    }

    private static string Serialize(long overdraft, IEnumerable<CreditGrant> grants) => JsonSerializer.Serialize(new StoredCredits
    {
        Overdraft = overdraft,
        Grants = grants.Select(g => new StoredGrant
        {
            Id = g.Id, Amount = g.AmountNanos, Remaining = g.RemainingNanos, Priority = g.Priority, GrantedAt = g.GrantedAt,
            ExpiresAt = g.ExpiresAt, Reason = g.Reason, Voided = g.Voided, ExpiryRecorded = g.ExpiryRecorded,
        }).ToList(),
    }, CreditJsonContext.Default.StoredCredits);

    public static CreditBook Read(string? json)
    {
        if (string.IsNullOrEmpty(json) || JsonSerializer.Deserialize(json, CreditJsonContext.Default.StoredCredits) is not { } stored) return CreditBook.Empty;
        return new CreditBook(stored.Grants.Select(g => new CreditGrant(g.Id, g.Amount, g.Remaining, g.Priority, g.GrantedAt, g.ExpiresAt, g.Reason, g.Voided, g.ExpiryRecorded)).ToList(),
            stored.Overdraft);
    }

}

internal sealed class StoredCredits
{
    [JsonPropertyName("o")] public long Overdraft { get; set; }
    [JsonPropertyName("g")] public List<StoredGrant> Grants { get; set; } = [];
}

internal sealed class StoredGrant
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("a")] public long Amount { get; set; }
    [JsonPropertyName("r")] public long Remaining { get; set; }
    [JsonPropertyName("p")] public int Priority { get; set; }
    [JsonPropertyName("t")] public DateTimeOffset GrantedAt { get; set; }
    [JsonPropertyName("x")] public DateTimeOffset? ExpiresAt { get; set; }
    [JsonPropertyName("why")] public string? Reason { get; set; }
    [JsonPropertyName("v")] public bool Voided { get; set; }
    [JsonPropertyName("xr")] public bool ExpiryRecorded { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(StoredCredits))]
internal sealed partial class CreditJsonContext : JsonSerializerContext;
