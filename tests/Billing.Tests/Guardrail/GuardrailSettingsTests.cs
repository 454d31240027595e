using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Guardrail;

/// <summary><c>Guardrail:UnknownModelCost</c> and <c>Guardrail:OutputTokens</c>, set as an operator would (app settings).</summary>
public sealed class GuardrailSettingsTests(AzuriteFixture azurite) : AppTest(azurite, new()
{
    ["Guardrail:UnknownModelCost"] = "0.5",
    // Guardrail__OutputTokens__gpt_4_1: app settings and environment variables cannot spell "gpt-4.1".
    ["Guardrail:OutputTokens:gpt_4_1"] = "1000000",
})
{
    private GuardrailClient Guardrail => field ??= new GuardrailClient(App);

    private PricesClient Prices => field ??= new PricesClient(App);

    public override async ValueTask InitializeAsync()
    {
        await Prices.SetAsync("gpt-4o-mini", 0.15m, 0.6m);
        await Prices.SetAsync("gpt-4.1", 2m, 8m);
        await (await Client.PutAccountAsync("team:team_acme", new { budgets = new[] { new { name = "monthly", period = "monthly", limit = 0.4m } } }))
            .AssertJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_model_missing_from_the_price_book_holds_the_configured_flat_cost()
    {
        var answer = await Guardrail.AnswerAsync(GuardrailBody.Request().WithModel("my-local-llama"));

        Assert.Equal("""{"action":"BLOCKED","blocked_reason":"team:team_acme monthly: spent 0 of 0.4 USD"}""", answer);
    }

    [Fact]
    public async Task A_priced_model_is_estimated_from_the_price_book_not_the_flat_cost()
    {
        Assert.Equal("""{"action":"NONE"}""", await Guardrail.AnswerAsync(GuardrailBody.Request()));
    }

    [Theory]
    [InlineData("gpt-4.1")]
    [InlineData("openai/gpt-4.1")]
    public async Task A_models_output_allowance_replaces_the_default(string model)
    {
        // 1,000,000 output tokens at 8 per million: 8 USD, over the 0.4 budget; the default 1,024 would cost 0.008.
        var answer = await Guardrail.AnswerAsync(GuardrailBody.Request().WithModel(model));

        Assert.StartsWith("""{"action":"BLOCKED",""", answer);
    }

    [Fact]
    public async Task A_model_without_its_own_allowance_keeps_the_default()
    {
        await Prices.SetAsync("gpt-4.1-mini", 0.4m, 1.6m);

        Assert.Equal("""{"action":"NONE"}""", await Guardrail.AnswerAsync(GuardrailBody.Request().WithModel("gpt-4.1-mini")));
    }
}
