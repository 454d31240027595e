using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.Auth;

/// <summary>
/// Three distinct secrets: the ingest key (LiteLLM's webhook header), check keys (apps; several, so keys can rotate)
/// and the admin key. Held only in configuration (Key Vault references in Azure), never logged.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinKeyLength = 16;

    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string IngestKey { get; set; } = "";

    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string AdminKey { get; set; } = "";

    /// <summary>Comma-separated list of check keys.</summary>
    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string CheckKeys { get; set; } = "";

    public IReadOnlyList<string> CheckKeyList =>
        CheckKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
