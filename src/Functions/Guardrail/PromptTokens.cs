using System.Text.Json;
using Billing.Functions.Usage;
using Microsoft.ML.Tokenizers;

namespace Billing.Functions.Guardrail;

/// <summary>
/// Counts a guardrail request's input tokens with OpenAI's tiktoken encodings (Microsoft.ML.Tokenizers; each
/// vocabulary is loaded on first use and shared, the tokenizers are thread-safe):
/// <list type="bullet">
/// <item>the message text: <c>texts</c>, which LiteLLM extracts from every message; when it is empty, the text
/// content of <c>structured_messages</c> instead (never both: they hold the same text);</item>
/// <item>the chat format's overhead: <see cref="TokensPerMessage"/> per message of <c>structured_messages</c> and
/// <see cref="ReplyPrimingTokens"/> for the reply (OpenAI's counting recipe);</item>
/// <item><c>tools</c> and <c>tool_calls</c> as their JSON text, which is about what the model reads.</item>
/// </list>
/// Images are not counted. The text is only counted: it is never kept, logged or put in an exception.
/// </summary>
public sealed class PromptTokens
{
    public const int TokensPerMessage = 3;
    public const int ReplyPrimingTokens = 3;

    private readonly Lazy<Tokenizer> _o200k = new(() => TiktokenTokenizer.CreateForEncoding(TokenEncodings.Name(TokenEncoding.O200kBase)));
    private readonly Lazy<Tokenizer> _cl100k = new(() => TiktokenTokenizer.CreateForEncoding(TokenEncodings.Name(TokenEncoding.Cl100kBase)));

    /// <summary>The tokens of one text.</summary>
    public int Count(string text, TokenEncoding encoding) => Tokenizer(encoding).CountTokens(text);

    /// <summary>The input tokens of <paramref name="request"/>; throws <see cref="PayloadFieldException"/> naming a malformed field.</summary>
    public long Count(GuardrailRequest request, TokenEncoding encoding)
    {
        var tokenizer = Tokenizer(encoding);
        var texts = Array(request.Texts, "texts");
        var messages = Array(request.StructuredMessages, "structured_messages");
        long tokens = 0;
        if (texts is { } t && t.GetArrayLength() > 0)
        {
            var index = 0;
            foreach (var text in t.EnumerateArray())
            {
                tokens += text.ValueKind switch
                {
                    JsonValueKind.String => CountText(tokenizer, text),
                    JsonValueKind.Null => 0,
                    var kind => throw new PayloadFieldException($"texts[{index}]", $"expected a string, got {LiteLlmNormalizer.Describe(kind)}"),
                };
                index++;
            }
        }
        else if (messages is { } m)
        {
            foreach (var message in m.EnumerateArray()) tokens += CountContent(tokenizer, message);
        }
        if (messages is { } counted) tokens += counted.GetArrayLength() * TokensPerMessage + ReplyPrimingTokens;
        return tokens + CountJson(tokenizer, request.Tools) + CountJson(tokenizer, request.ToolCalls);
    }

    private Tokenizer Tokenizer(TokenEncoding encoding) => encoding == TokenEncoding.O200kBase ? _o200k.Value : _cl100k.Value;

    private static JsonElement? Array(JsonElement? element, string field) => element switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Array } array => array,
        { } other => throw new PayloadFieldException(field, $"expected an array, got {LiteLlmNormalizer.Describe(other.ValueKind)}"),
    };

    /// <summary>A message's <c>content</c>: a string, or parts whose <c>text</c> is counted (image parts are not).</summary>
    private static long CountContent(Tokenizer tokenizer, JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content)) return 0;
        if (content.ValueKind == JsonValueKind.String) return CountText(tokenizer, content);
        if (content.ValueKind != JsonValueKind.Array) return 0;
        long tokens = 0;
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                tokens += CountText(tokenizer, text);
        }
        return tokens;
    }

    private static long CountJson(Tokenizer tokenizer, JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null } json ? tokenizer.CountTokens(json.GetRawText()) : 0;

    /// <summary>
    /// A JSON string's tokens. A lone UTF-16 surrogate (<c>"\ud800"</c>, which Python's json.dumps writes for one
    /// in a prompt) cannot be decoded; its escaped JSON text is counted instead, slightly more, rather than refusing
    /// the prompt (a 400 would block the call).
    /// </summary>
    private static int CountText(Tokenizer tokenizer, JsonElement text)
    {
        string value;
        try
        {
            value = text.GetString()!;
        }
        catch (InvalidOperationException)
        {
            value = text.GetRawText();
        }
        return tokenizer.CountTokens(value);
    }
}
