using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>
/// A JSON text too long for one Table string (32K characters) split over columns <c>E0</c>, <c>E1</c>… of at most
/// 30K characters each; an entity holds 1 MB, so up to 64 of them.
/// </summary>
internal static class JsonChunks
{
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 30;

    public static void Write(TableEntity row, string json, string prefix = "E", int maxChunks = MaxChunks)
    {
        if (json.Length > ChunkChars * maxChunks) throw new ArgumentException($"{json.Length} characters do not fit {maxChunks} columns.", nameof(json));
        for (var i = 0; i * ChunkChars < json.Length; i++)
            row[prefix + i] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars));
    }

    /// <summary>Like <see cref="Write"/>, for a row merged over an older one: the columns it does not need are blanked.</summary>
    public static void WriteAll(TableEntity row, string json, string prefix, int maxChunks)
    {
        for (var i = 0; i < maxChunks; i++) row[prefix + i] = "";
        Write(row, json, prefix, maxChunks);
    }

    public static string Read(TableEntity row, string prefix = "E", int maxChunks = MaxChunks) =>
        string.Concat(Enumerable.Range(0, maxChunks).Select(i => row.GetString(prefix + i)).TakeWhile(s => s is not null));
}
