namespace Billing.Functions.Storage;

/// <summary>The check's subject cache, bound from <c>Check:Cache</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Check:Cache";

    /// <summary>Longest an answer may be based on a cached read. Default 1 s; 0 turns the cache off.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries kept before expired ones are evicted (and, if still full, all).</summary>
    public int MaxEntries { get; set; } = 100_000;
}
