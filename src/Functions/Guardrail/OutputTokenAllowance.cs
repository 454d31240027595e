using System.Text;

namespace Billing.Functions.Guardrail;

/// <summary>
/// The completion tokens to expect for a model, from <see cref="GuardrailOptions.OutputTokens"/>. A model is found by
/// its name, else without its provider prefix (the text up to the first <c>/</c>, as the price book does), else
/// <c>Default</c>; names compare ignoring case, with every character other than a letter or digit taken as <c>_</c>
/// (configuration keys cannot hold <c>:</c>, and environment variables hold only letters, digits and <c>_</c>).
/// </summary>
public sealed class OutputTokenAllowance
{
    private readonly Dictionary<string, int> _byModel;
    private readonly int _default;

    public OutputTokenAllowance(IReadOnlyDictionary<string, int> outputTokens)
    {
        _byModel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (model, tokens) in outputTokens) _byModel[Portable(model)] = tokens;
        _default = _byModel.Remove(Portable(GuardrailOptions.DefaultModelKey), out var fallback) ? fallback : GuardrailOptions.DefaultOutputTokens;
    }

    public int For(string? model)
    {
        if (string.IsNullOrEmpty(model)) return _default;
        if (_byModel.TryGetValue(Portable(model), out var tokens)) return tokens;
        var slash = model.IndexOf('/');
        return slash > 0 && _byModel.TryGetValue(Portable(model[(slash + 1)..]), out tokens) ? tokens : _default;
    }

    /// <summary><c>openai/gpt-4.1</c> → <c>openai_gpt_4_1</c>.</summary>
    public static string Portable(string name)
    {
        var portable = new StringBuilder(name.Length);
        foreach (var c in name) portable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        return portable.ToString();
    }
}
