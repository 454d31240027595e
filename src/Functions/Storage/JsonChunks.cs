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

    public static void Write(TableEntity row, string json)
    {
        if (json.Length > ChunkChars * MaxChunks) throw new ArgumentException($"{json.Length} characters do not fit one row.", nameof(json));
        for (var i = 0; i * ChunkChars < json.Length; i++)
            row["E" + i] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars));
    }

    public static string Read(TableEntity row) =>
        string.Concat(Enumerable.Range(0, MaxChunks).Select(i => row.GetString("E" + i)).TakeWhile(s => s is not null));
}
