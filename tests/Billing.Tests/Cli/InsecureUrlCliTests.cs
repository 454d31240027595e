using System.Net;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>The admin key goes over plain http:// only to this machine, unless the operator says <c>--insecure</c>.</summary>
public sealed class InsecureUrlCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private static Dictionary<string, string?> At(string url) => new() { ["BILLING_URL"] = url, ["BILLING_ADMIN_KEY"] = TestKeys.Admin };

    [Theory]
    [InlineData("http://billing.example.com")]
    [InlineData("http://10.0.0.5:5080")]
    public async Task A_plain_http_url_to_another_host_exits_2_and_sends_nothing(string url)
    {
        var handler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK));

        var result = await CliWithAsync(At(url), handler, "prices", "list");

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains("--url/BILLING_URL", result.Stderr);
        Assert.Contains("--insecure", result.Stderr);
        Assert.Equal(0, handler.Requests);
        Assert.DoesNotContain(TestKeys.Admin, result.Stderr);
    }

    [Fact]
    public async Task Insecure_allows_a_plain_http_url_to_another_host()
    {
        var result = await CliWithAsync(At("http://billing.example.com"), App.Server.CreateHandler(), "prices", "list", "--insecure");

        AssertExit(ExitCodes.Success, result);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("https://billing.example.com")]
    public async Task Loopback_and_https_need_no_insecure(string url)
    {
        var result = await CliWithAsync(At(url), App.Server.CreateHandler(), "prices", "list");

        AssertExit(ExitCodes.Success, result);
    }
}
