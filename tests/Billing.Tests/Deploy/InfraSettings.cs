using System.Text.RegularExpressions;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Deploy;

/// <summary>App setting names the Bicep in <c>infra/bicep</c> (main and modules) defines, found by name.</summary>
public sealed partial class InfraSettings
{
    private readonly string _bicep;

    private InfraSettings(string bicep) => _bicep = bicep;

    public static InfraSettings Load()
    {
        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Repository root (package.json) not found above " + AppContext.BaseDirectory);
        var folder = Path.Combine(root, "infra", "bicep");
        var files = Directory.GetFiles(folder, "*.bicep", SearchOption.AllDirectories);
        if (files.Length == 0) throw new InvalidOperationException("No .bicep files in " + folder);
        return new InfraSettings(string.Join("\n", files.Select(File.ReadAllText)));
    }

    /// <summary>True when a Bicep object has the key <paramref name="setting"/> (<c>Name: …</c> or <c>'Name': …</c>).</summary>
    public bool Defines(string setting) =>
        Regex.IsMatch(_bicep, @"^\s*'?" + Regex.Escape(setting) + @"'?\s*:", RegexOptions.Multiline);

    /// <summary>True when some key starts with <paramref name="prefix"/> (<c>Conn__accountName</c> for <c>Conn__</c>).</summary>
    public bool DefinesPrefix(string prefix) =>
        Regex.IsMatch(_bicep, @"^\s*'?" + Regex.Escape(prefix) + @"[A-Za-z0-9_]*'?\s*:", RegexOptions.Multiline);

    /// <summary>The setting name in a <c>%Setting%</c> reference, or null when the value is not exactly one reference.</summary>
    public static string? Reference(string? value) => value is not null && SettingReference().Match(value) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("^%([A-Za-z_][A-Za-z0-9_]*)%$")]
    private static partial Regex SettingReference();
}
