using System.Net;
using Billing.Functions.Hosting;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Security;

/// <summary>
/// The custom-handler invocation of the webhook (<c>POST /UsageWebhook</c> from the Functions host) checks the ingest
/// key inside the envelope itself: the host's own request carries none.
/// </summary>
public sealed class UsageWebhookInvocationKeyTests(AzuriteFixture azurite)
{
    private const string Function = FunctionNames.UsageWebhook;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer " + TestKeys.Check)]
    [InlineData("Bearer " + TestKeys.CheckRotated)]
    [InlineData("Bearer " + TestKeys.Admin)]
    [InlineData("Bearer " + TestKeys.IngestRotated)]
    [InlineData("Bearer not-a-key-of-this-service-0001")]
    [InlineData(TestKeys.Ingest)]
    [InlineData("Basic eDppbmdlc3Qta2V5LWZvci10ZXN0cy0wMDAx")]
    [InlineData("Bearer")]
    [InlineData("x-api-key " + TestKeys.Ingest)]
    public async Task Invocation_without_the_ingest_key_answers_401_and_sends_nothing(string? authorization)
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var content = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), authorization, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        var problem = CustomHandlerHost.AssertProblemOutput(answer.Outputs.GetProperty("res"), HttpStatusCode.Unauthorized, "Authorization", ("WWW-Authenticate", "Bearer"));
        Assert.All(TestKeys.All, key => Assert.DoesNotContain(key, problem.GetRawText(), StringComparison.Ordinal));
        Assert.Equal(0, answer.Outputs.GetProperty("usage").GetArrayLength());
    }

    [Fact]
    public async Task Invocation_with_the_ingest_key_is_not_refused()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var content = HostPayloads.HttpTrigger(Function, "usage", Samples.Read("01-chat-success.json"), "Bearer " + TestKeys.Ingest, CustomHandlerHost.Now);

        var answer = await (await app.CreateClient().InvokeAsync(Function, content)).AssertInvocationResultAsync(HttpStatusCode.OK);

        var (status, _, _) = CustomHandlerHost.AssertHttpOutput(answer.Outputs.GetProperty("res"));
        Assert.Equal(202, status);
    }
}
