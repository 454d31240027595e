using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Billing.Domain.Reservations;

namespace Billing.Functions.Storage;

/// <summary>
/// A subject's reservation holds in its state row (columns <c>H0</c>…<c>H7</c>, JSON), so the check reads them with the
/// state it already reads and the ingest settles them in the transaction that applies the usage.
/// </summary>
internal static class HoldColumns
{
    private const string Prefix = "H";
    private const int MaxChunks = 8;

    /// <summary>What the holds may take of the row: 8 columns of 30K characters, less a margin.</summary>
    public const int MaxChars = 225_000;

    /// <summary>
    /// A hold's stored JSON, at most: the numbers and names (about 100 characters at their longest, with the separators) plus the id and model
    /// as the serializer writes them (characters outside printable ASCII, and HTML-sensitive ones, as 6-character escapes).
    /// </summary>
    public static int Size(Hold hold) => 110 + Escaped(hold.Id) + Escaped(hold.Model);

    private static int Escaped(string? text) => text?.Sum(c => c is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6) ?? 0;

    public static int Size(HoldBook holds, DateTimeOffset now) => holds.ActiveAt(now).Sum(Size);

    public static void Write(TableEntity row, HoldBook holds) =>
        JsonChunks.WriteAll(row, JsonSerializer.Serialize(holds.Holds.Select(h => new StoredHold
        {
            Id = h.Id, Cost = h.CostNanos, Tokens = h.Tokens, Model = h.Model, Expires = h.ExpiresAt.UtcTicks,
        }).ToList(), HoldJsonContext.Default.ListStoredHold), Prefix, MaxChunks);

    public static HoldBook Read(TableEntity row)
    {
        // Every state read comes here (the check, the ingest): a row without holds costs one lookup.
        if (row.GetString(Prefix + "0") is not { Length: > 0 }) return HoldBook.Empty;
        var json = JsonChunks.Read(row, Prefix, MaxChunks);
        if (json.Length == 0 || JsonSerializer.Deserialize(json, HoldJsonContext.Default.ListStoredHold) is not { } stored) return HoldBook.Empty;
        return new HoldBook(stored.Select(s => new Hold(s.Id, s.Cost, s.Tokens, s.Model, new DateTimeOffset(s.Expires, TimeSpan.Zero))).ToList());
    }
}

internal sealed class StoredHold
{
    [JsonPropertyName("i")] public string Id { get; set; } = "";
    [JsonPropertyName("c")] public long Cost { get; set; }
    [JsonPropertyName("t")] public long Tokens { get; set; }
    [JsonPropertyName("m")] public string? Model { get; set; }
    [JsonPropertyName("x")] public long Expires { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(List<StoredHold>))]
internal sealed partial class HoldJsonContext : JsonSerializerContext;
