using Billing.Functions.Guardrail;

namespace Billing.Tests.Guardrail;

public sealed class OutputTokenAllowanceTests
{
    private static readonly OutputTokenAllowance Allowance = new(new Dictionary<string, int>
    {
        ["Default"] = 2048,
        ["gpt-4o"] = 4096,
        ["gpt_4_1"] = 8000,
        ["anthropic/claude-sonnet-4"] = 3000,
    });

    [Theory]
    [InlineData("gpt-4o", 4096)]
    [InlineData("GPT-4o", 4096)]
    [InlineData("openai/gpt-4o", 4096)]
    [InlineData("gpt-4.1", 8000)]
    [InlineData("azure/gpt-4.1", 8000)]
    [InlineData("anthropic/claude-sonnet-4", 3000)]
    [InlineData("claude-sonnet-4", 2048)]
    [InlineData("gpt-4o-mini", 2048)]
    [InlineData(null, 2048)]
    public void A_model_gets_its_own_allowance_else_the_default(string? model, int expected)
    {
        Assert.Equal(expected, Allowance.For(model));
    }

    [Fact]
    public void Without_a_default_key_the_default_is_1024()
    {
        var allowance = new OutputTokenAllowance(new Dictionary<string, int> { ["gpt-4o"] = 4096 });

        Assert.Equal(1024, allowance.For("gpt-3.5-turbo"));
    }
}
