using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text;

namespace Billing.Functions.Storage;

/// <summary>
/// Encodes any string into a valid PartitionKey/RowKey. Table keys forbid <c>/ \ # ?</c> and control characters;
/// those (and <c>%</c>, <c>~</c>) become <c>%XX</c>. Keys longer than <see cref="MaxLength"/> keep a prefix plus
/// <c>~</c> and a SHA-256 of the whole value, so they stay unique; the full value is always stored as a property.
/// </summary>
internal static class TableKeys
{
    public const int MaxLength = 255;

    /// <summary>The rows of one partition with <paramref name="low"/> ≤ RowKey &lt; <paramref name="high"/>: one range query.</summary>
    public static string Range(string partition, string low, string high) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");

    /// <summary>The rows of one partition whose RowKey starts with <paramref name="prefix"/> (its last character is the separator <c>|</c>).</summary>
    public static string Prefixed(string partition, string prefix) => Range(partition, prefix, prefix[..^1] + "}");
    private const int PrefixLength = 200;

    public static string Encode(string value)
    {
        if (!NeedsEscaping(value)) return value.Length <= MaxLength ? value : Shorten(value, value);

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (IsForbidden(c)) builder.Append('%').Append(((int)c).ToString("X2"));
            else builder.Append(c);
        }
        var encoded = builder.ToString();
        return encoded.Length <= MaxLength ? encoded : Shorten(encoded, value);
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (IsForbidden(c)) return true;
        }
        return false;
    }

    private static bool IsForbidden(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or '~' or < '\u0020' or (>= '\u007F' and <= '\u009F');

    private static string Shorten(string encoded, string original)
    {
        var cut = PrefixLength;
        if (encoded[cut - 1] == '%') cut -= 1;
        else if (encoded[cut - 2] == '%') cut -= 2;
        if (char.IsHighSurrogate(encoded[cut - 1])) cut -= 1;
        // Hash the UTF-16 code units, not UTF-8: lone surrogates must not collapse into one replacement character.
        var hash = SHA256.HashData(MemoryMarshal.AsBytes(original.AsSpan()));
        return string.Concat(encoded.AsSpan(0, cut), "~", Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }
}
