namespace Billing.Functions.Guardrail;

/// <summary>
/// Which encoding counts a model's prompt. OpenAI's newer families (gpt-4o, chatgpt-4o, gpt-4.1, gpt-4.5, gpt-5 and
/// the o-series: o1, o3, o4-mini, …) use o200k_base; every other model, OpenAI's older ones and other vendors', is
/// counted in cl100k_base, a fair estimate where the model's own tokenizer is not public.
/// </summary>
public static class TokenEncodings
{
    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5"];

    /// <summary>The encoding of <paramref name="model"/>, judged by its name after the last <c>/</c> (the provider prefix).</summary>
    public static TokenEncoding For(string? model)
    {
        if (string.IsNullOrEmpty(model)) return TokenEncoding.Cl100kBase;
        var name = model[(model.LastIndexOf('/') + 1)..];
        return O200kPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || IsOSeries(name)
            ? TokenEncoding.O200kBase
            : TokenEncoding.Cl100kBase;
    }

    /// <summary>The tiktoken name: <c>o200k_base</c> or <c>cl100k_base</c>.</summary>
    public static string Name(TokenEncoding encoding) => encoding == TokenEncoding.O200kBase ? "o200k_base" : "cl100k_base";

    /// <summary><c>o1</c>, <c>o3-mini</c>, <c>o4-mini-2025-04-16</c>: <c>o</c>, a digit, then the end or <c>-</c>.</summary>
    private static bool IsOSeries(string name) =>
        name.Length >= 2 && name[0] is 'o' or 'O' && char.IsAsciiDigit(name[1]) && (name.Length == 2 || name[2] == '-');
}
