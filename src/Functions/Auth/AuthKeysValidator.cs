using Microsoft.Extensions.Options;

namespace Billing.Functions.Auth;

/// <summary>
/// Every key of every class is at least <see cref="AuthOptions.MinKeyLength"/> characters and no key appears twice,
/// within a class or across classes (a key must never open another class's routes). Failures name the setting and the
/// entry's position, never a key.
/// </summary>
public sealed class AuthKeysValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in Enum.GetValues<KeyScope>())
        {
            var setting = AuthOptions.SettingOf(scope);
            var keys = options.KeysOf(scope);
            if (keys.Count == 0) failures.Add($"{setting} must hold at least one key.");
            for (var i = 0; i < keys.Count; i++)
            {
                var entry = keys.Count == 1 ? setting : $"{setting} (entry {i + 1})";
                if (keys[i].Length < AuthOptions.MinKeyLength)
                    failures.Add($"{entry} must be at least {AuthOptions.MinKeyLength} characters.");
                if (seen.TryGetValue(keys[i], out var first))
                    failures.Add($"{entry} repeats the key of {first}; every key of {AuthOptions.SettingOf(KeyScope.Ingest)}, {AuthOptions.SettingOf(KeyScope.Check)} and {AuthOptions.SettingOf(KeyScope.Admin)} must be distinct.");
                else
                    seen[keys[i]] = entry;
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
