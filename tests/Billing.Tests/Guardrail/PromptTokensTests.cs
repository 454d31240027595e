using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Functions.Guardrail;
using Billing.Functions.Json;
using Billing.Functions.Usage;

namespace Billing.Tests.Guardrail;

public sealed class PromptTokensTests
{
    private static readonly PromptTokens Tokens = new();

    // Reference counts from OpenAI's tiktoken ("How to count tokens with tiktoken", compare_encodings).
    [Theory]
    [InlineData("antidisestablishmentarianism", TokenEncoding.O200kBase, 6)]
    [InlineData("antidisestablishmentarianism", TokenEncoding.Cl100kBase, 6)]
    [InlineData("お誕生日おめでとう", TokenEncoding.O200kBase, 8)]
    [InlineData("お誕生日おめでとう", TokenEncoding.Cl100kBase, 9)]
    [InlineData("2 + 2 = 4", TokenEncoding.O200kBase, 7)]
    public void A_known_string_has_tiktokens_token_count(string text, TokenEncoding encoding, int expected)
    {
        Assert.Equal(expected, Tokens.Count(text, encoding));
    }

    [Theory]
    [InlineData("gpt-4o", TokenEncoding.O200kBase)]
    [InlineData("openai/gpt-4o-mini", TokenEncoding.O200kBase)]
    [InlineData("chatgpt-4o-latest", TokenEncoding.O200kBase)]
    [InlineData("azure/gpt-4.1-nano", TokenEncoding.O200kBase)]
    [InlineData("gpt-4.5-preview", TokenEncoding.O200kBase)]
    [InlineData("gpt-5", TokenEncoding.O200kBase)]
    [InlineData("o1", TokenEncoding.O200kBase)]
    [InlineData("o3-mini", TokenEncoding.O200kBase)]
    [InlineData("openai/o4-mini-2025-04-16", TokenEncoding.O200kBase)]
    [InlineData("gpt-4", TokenEncoding.Cl100kBase)]
    [InlineData("gpt-4-turbo", TokenEncoding.Cl100kBase)]
    [InlineData("gpt-3.5-turbo", TokenEncoding.Cl100kBase)]
    [InlineData("anthropic/claude-sonnet-4", TokenEncoding.Cl100kBase)]
    [InlineData("omni-local", TokenEncoding.Cl100kBase)]
    [InlineData(null, TokenEncoding.Cl100kBase)]
    public void The_encoding_follows_the_model_family(string? model, TokenEncoding expected)
    {
        Assert.Equal(expected, TokenEncodings.For(model));
    }

    [Fact]
    public void Texts_are_counted_with_the_chat_overhead_of_each_message()
    {
        var request = Read(GuardrailBody.Request());

        var tokens = Tokens.Count(request, TokenEncoding.O200kBase);

        var text = Tokens.Count(GuardrailBody.SystemPrompt, TokenEncoding.O200kBase) + Tokens.Count(GuardrailBody.UserPrompt, TokenEncoding.O200kBase);
        Assert.Equal(text + 2 * PromptTokens.TokensPerMessage + PromptTokens.ReplyPrimingTokens, tokens);
    }

    [Fact]
    public void Without_texts_the_text_of_the_structured_messages_is_counted()
    {
        var parts = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = GuardrailBody.UserPrompt },
            new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "https://example.com/a.png" } });
        var withTexts = Read(GuardrailBody.Request());
        var withoutTexts = Read(GuardrailBody.Request().Set("texts", null).Set("structured_messages", new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = GuardrailBody.SystemPrompt },
            new JsonObject { ["role"] = "user", ["content"] = parts })));

        Assert.Equal(Tokens.Count(withTexts, TokenEncoding.O200kBase), Tokens.Count(withoutTexts, TokenEncoding.O200kBase));
    }

    [Fact]
    public void Tool_definitions_count_as_prompt_tokens()
    {
        var tools = JsonNode.Parse("""[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]""");
        var without = Read(GuardrailBody.Request());
        var with = Read(GuardrailBody.Request().Set("tools", tools));

        Assert.Equal(Tokens.Count(tools!.ToJsonString(), TokenEncoding.Cl100kBase),
            Tokens.Count(with, TokenEncoding.Cl100kBase) - Tokens.Count(without, TokenEncoding.Cl100kBase));
    }

    [Fact]
    public void A_text_that_is_not_a_string_names_its_index()
    {
        var request = Read(GuardrailBody.Request().Set("texts", new JsonArray("fine", 5)));

        var error = Assert.Throws<PayloadFieldException>(() => Tokens.Count(request, TokenEncoding.O200kBase));

        Assert.Equal("texts[1]", error.Field);
    }

    private static GuardrailRequest Read(GuardrailBody body) =>
        JsonSerializer.Deserialize(body.ToString(), GuardrailJsonContext.Default.GuardrailRequest)!;
}
