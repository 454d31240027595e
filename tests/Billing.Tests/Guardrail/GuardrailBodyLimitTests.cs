using System.Net;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Guardrail;

public sealed class GuardrailBodyLimitTests(AzuriteFixture azurite) : AppTest(azurite, new() { ["Guardrail:MaxBodyBytes"] = "65536" })
{
    [Fact]
    public async Task A_body_over_Guardrail_MaxBodyBytes_is_a_413_problem()
    {
        var body = GuardrailBody.Request().WithPrompt(new string('x', 70_000));

        var response = await new GuardrailClient(App).PostAsync(body);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body");
    }
}
