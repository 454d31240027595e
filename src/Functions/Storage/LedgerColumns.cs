using System.Text.Json;
using Billing.Domain.Ledger;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>Maps the domain's ledger values to and from their stored JSON shapes (<see cref="StoredUsage"/> and friends).</summary>
internal static class LedgerColumns
{
    public static string Write(HourBucket hour) =>
        JsonSerializer.Serialize(new StoredHour { Start = hour.Start, Usage = ToStored(hour.Usage) }, StorageJsonContext.Default.StoredHour);

    public static HourBucket? ReadHour(string? json) =>
        string.IsNullOrEmpty(json) || JsonSerializer.Deserialize(json, StorageJsonContext.Default.StoredHour) is not { } stored
            ? null
            : new HourBucket(stored.Start, FromStored(stored.Usage));

    public static string Write(WindowLedger window) => JsonSerializer.Serialize(new StoredWindow
    {
        Name = window.Name,
        Definition = window.Definition,
        Current = ToStored(window.Current),
        Previous = ToStored(window.Previous),
    }, StorageJsonContext.Default.StoredWindow);

    public static WindowLedger? ReadWindow(string? json) =>
        string.IsNullOrEmpty(json) || JsonSerializer.Deserialize(json, StorageJsonContext.Default.StoredWindow) is not { } stored
            ? null
            : new WindowLedger(stored.Name, stored.Definition, FromStored(stored.Current), FromStored(stored.Previous));

    public static string WriteModels(UsageBreakdown usage) =>
        JsonSerializer.Serialize(ToStored(usage).Models, StorageJsonContext.Default.ListStoredModel);

    public static UsageBreakdown ReadModels(UsageCounters total, string? json)
    {
        var models = string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListStoredModel) ?? [];
        return new UsageBreakdown(total, models.Select(m => new ModelUsage(m.Model, m.Provider, Counters(m.Counters))).ToList());
    }

    public static StoredUsage ToStored(UsageBreakdown usage) => new()
    {
        Total = Array(usage.Total),
        Models = usage.Models.Select(m => new StoredModel { Model = m.Model, Provider = m.Provider, Counters = Array(m.Counters) }).ToList(),
    };

    public static UsageBreakdown FromStored(StoredUsage stored) =>
        new(Counters(stored.Total), stored.Models.Select(m => new ModelUsage(m.Model, m.Provider, Counters(m.Counters))).ToList());

    private static StoredSpan? ToStored(WindowSpan? span) => span is null ? null : new StoredSpan
    {
        Start = span.Start,
        End = span.End,
        CountFrom = span.CountFrom,
        Usage = ToStored(span.Usage),
        Crossed = [.. span.Crossed],
        Stated = span.Stated,
    };

    private static WindowSpan? FromStored(StoredSpan? stored) => stored is null
        ? null
        : new WindowSpan(stored.Start, stored.End, stored.CountFrom, FromStored(stored.Usage), stored.Crossed, stored.Stated);

    /// <summary>
    /// Spent, requests, prompt, completion, cached prompt, reasoning, then failures, cache hits and unpriced calls. The
    /// last three were added later: trailing zeros are left out, and shorter arrays (rows written before) read as zero.
    /// </summary>
    private static long[] Array(UsageCounters c)
    {
        long[] all = [c.SpentNanos, c.Requests, c.Tokens.Prompt, c.Tokens.Completion, c.Tokens.CachedPrompt, c.Tokens.Reasoning, c.Failures, c.CacheHits, c.Unpriced];
        var length = all.Length;
        while (length > 6 && all[length - 1] == 0) length--;
        return all[..length];
    }

    private static UsageCounters Counters(long[] c) => c.Length < 6
        ? throw new InvalidDataException("stored counters need at least six values")
        : new(c[0], c[1], new TokenCounts(c[2], c[3], c[4], c[5]), c.Length > 6 ? c[6] : 0, c.Length > 7 ? c[7] : 0, c.Length > 8 ? c[8] : 0);
}
