using System.Text;
using System.Text.Json;
using Billing.Domain.Ledger;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// The state row's <c>Recent</c> column: the ring of the latest events (<see cref="RecentEvents"/>) as a compact JSON
/// array, newest first. It rides on the state-row update every posting makes, so it costs no Table operation, only
/// row size (about 120 characters an event, some 6,000 for a full ring). The column is capped at
/// <see cref="MaxChars"/> characters: with unusually long ids or model names it holds fewer than 50 events.
/// </summary>
internal static class RecentColumn
{
    public const string Name = "Recent";

    /// <summary>Well inside the 64 KiB (32 K UTF-16 characters) a string property may hold.</summary>
    public const int MaxChars = 16_000;

    public static string Write(RecentEvents recent)
    {
        var json = new StringBuilder("[");
        foreach (var entry in recent.Events)
        {
            var item = JsonSerializer.Serialize(ToStored(entry), StorageJsonContext.Default.StoredRecentEvent);
            if (json.Length + item.Length + 2 > MaxChars) break;
            if (json.Length > 1) json.Append(',');
            json.Append(item);
        }
        return json.Append(']').ToString();
    }

    public static RecentEvents Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return RecentEvents.Empty;
        var stored = JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListStoredRecentEvent) ?? [];
        return new RecentEvents(stored.Select(FromStored).ToList());
    }

    private static StoredRecentEvent ToStored(RecentEvent e) => new()
    {
        Id = e.Id.Value,
        At = e.OccurredAtEpochSeconds,
        Model = e.Model,
        Provider = e.Provider,
        CostNanos = e.CostNanos,
        Tokens = [e.Tokens.Prompt, e.Tokens.Completion, e.Tokens.CachedPrompt, e.Tokens.Reasoning],
        Failed = e.Status == UsageStatus.Failure ? true : null,
        CacheHit = e.CacheHit ? true : null,
    };

    private static RecentEvent FromStored(StoredRecentEvent s) => s.Tokens.Length < 4
        ? throw new InvalidDataException("a stored recent event needs four token counts")
        : new(new UsageEventId(s.Id), s.At, s.Model, s.Provider, s.Failed == true ? UsageStatus.Failure : UsageStatus.Success,
            s.CostNanos, new TokenCounts(s.Tokens[0], s.Tokens[1], s.Tokens[2], s.Tokens[3]), s.CacheHit == true);
}
