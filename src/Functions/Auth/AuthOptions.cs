using System.ComponentModel.DataAnnotations;

namespace Billing.Functions.Auth;

/// <summary>
/// Three classes of secrets: the ingest key (LiteLLM's webhook header), check keys (apps) and the admin key. Each
/// setting takes one key or a comma-separated list, so a class can have two valid keys while clients move to a new
/// one (README, Key rotation). Held only in configuration (Key Vault references in Azure), never logged.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinKeyLength = 16;

    /// <summary>The ingest key, or a comma-separated list of them.</summary>
    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string IngestKey { get; set; } = "";

    /// <summary>The admin key, or a comma-separated list of them.</summary>
    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string AdminKey { get; set; } = "";

    /// <summary>Comma-separated list of check keys.</summary>
    [Required, StringLength(4096, MinimumLength = MinKeyLength)]
    public string CheckKeys { get; set; } = "";

    /// <summary>The setting each class is read from, as the error messages name it.</summary>
    public static string SettingOf(KeyScope scope) => scope switch
    {
        KeyScope.Ingest => $"{SectionName}:{nameof(IngestKey)}",
        KeyScope.Check => $"{SectionName}:{nameof(CheckKeys)}",
        KeyScope.Admin => $"{SectionName}:{nameof(AdminKey)}",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>The keys of <paramref name="scope"/>: the setting split at commas, each entry trimmed, empty ones dropped.</summary>
    public IReadOnlyList<string> KeysOf(KeyScope scope) => Split(scope switch
    {
        KeyScope.Ingest => IngestKey,
        KeyScope.Check => CheckKeys,
        KeyScope.Admin => AdminKey,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    });

    private static string[] Split(string? keys) =>
        (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
