using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace Billing.Functions.Reports;

/// <summary>
/// The account list's continuation: the last row key of a page, base64url-encoded (UTF-16, so any key round-trips).
/// Opaque to clients; the next page starts after that key.
/// </summary>
internal static class ContinuationToken
{
    public static string Write(string rowKey) => Base64Url.EncodeToString(MemoryMarshal.AsBytes(rowKey.AsSpan()));

    public static bool TryRead(string token, out string rowKey)
    {
        rowKey = "";
        if (token.Length == 0 || token.Length > 2_048 || !Base64Url.IsValid(token, out var length) || length % 2 != 0) return false;
        var bytes = Base64Url.DecodeFromChars(token);
        rowKey = new string(MemoryMarshal.Cast<byte, char>(bytes));
        return rowKey.Length > 0;
    }
}
