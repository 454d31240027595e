using System.Text.RegularExpressions;

namespace Billing.Functions.Storage;

/// <summary>
/// The keys of a quarantine row and its public id, <c>&lt;PartitionKey yyyyMMdd&gt;-&lt;RowKey&gt;</c>
/// (<c>20261122-1200000000000-3f…</c>): URL-safe, ordered like the rows, and a point read away from its row.
/// </summary>
public readonly partial record struct QuarantineKey(string Partition, string Row)
{
    public string Id => Partition + "-" + Row;

    public override string ToString() => Id;

    /// <summary>Only ids of the shape <see cref="QuarantineStore"/> writes parse; anything else names no row.</summary>
    public static bool TryParse(string? id, out QuarantineKey key)
    {
        key = default;
        if (id is null || !IdPattern().IsMatch(id)) return false;
        key = new QuarantineKey(id[..8], id[9..]);
        return true;
    }

    [GeneratedRegex(@"^\d{8}-\d{13}-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
