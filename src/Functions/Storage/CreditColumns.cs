using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Credits;

namespace Billing.Functions.Storage;

/// <summary>
/// A subject's <see cref="CreditBook"/> in its state row (column <c>Credits</c>, JSON): the grants with what they have
/// left, and the overdraft. Fully used, expired or voided grants beyond <see cref="MaxGrants"/> are dropped oldest
/// first: their history stays in the credit entries (<see cref="CreditEntryRow"/>).
/// </summary>
internal static class CreditColumns
{
    public const string Column = "Credits";
    public const int MaxGrants = 150;

    public static string Write(CreditBook book) => JsonSerializer.Serialize(new StoredCredits
    {
        Overdraft = book.OverdraftNanos,
        Grants = Pruned(book.Grants).Select(g => new StoredGrant
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

    private static IEnumerable<CreditGrant> Pruned(IReadOnlyList<CreditGrant> grants)
    {
        if (grants.Count <= MaxGrants) return grants;
        var spent = grants.Where(g => g.RemainingNanos == 0).OrderBy(g => g.GrantedAt).Take(grants.Count - MaxGrants).ToHashSet();
        return grants.Where(g => !spent.Contains(g));
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
