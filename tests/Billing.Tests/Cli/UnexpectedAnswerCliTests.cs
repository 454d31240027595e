using System.Net;
using System.Net.Sockets;
using System.Text;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>
/// A 2xx that is not the API's JSON (a login page behind App Service Easy Auth, a proxy's page, a body that breaks
/// off) and a redirect end with exit 1 and one short line: no stack trace, never the key.
/// </summary>
public sealed class UnexpectedAnswerCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private async Task<CliResult> AgainstAsync(HttpMessageHandler handler, params string[] args)
    {
        var result = await CliWithAsync(Operator, handler, args);
        Assert.DoesNotContain(TestKeys.Admin, result.Stdout + result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        return result;
    }

    [Fact]
    public async Task An_html_page_with_200_exits_1_saying_it_is_not_json()
    {
        var page = new StubHandler(() => Answer(HttpStatusCode.OK, "<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"));

        var result = await AgainstAsync(page, "accounts", "list");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("text/html", result.Stderr);
        Assert.Contains("check --url", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("{\"accounts\": ")]
    [InlineData("{\"accounts\": 5, \"continuation\": null}")]
    [InlineData("[]")]
    public async Task Json_that_is_broken_or_of_another_shape_exits_1(string body)
    {
        var result = await AgainstAsync(new StubHandler(() => Answer(HttpStatusCode.OK, body, "application/json")), "accounts", "list", "--json");

        AssertExit(ExitCodes.Problem, result);
        Assert.StartsWith("billing: ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_body_that_breaks_off_exits_1()
    {
        var broken = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new BrokenContent() });

        var result = await AgainstAsync(broken, "prices", "list");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("broke off", result.Stderr);
    }

    [Fact]
    public async Task A_redirect_exits_1_naming_where_it_points()
    {
        var redirect = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://login.example.com/.auth/login") } });

        var result = await AgainstAsync(redirect, "accounts", "list");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("the service answered a redirect to https://login.example.com/.auth/login; check --url", result.Stderr);
    }

    [Fact]
    public async Task The_CLIs_own_http_client_does_not_follow_a_redirect()
    {
        using var listener = new LocalListener();
        var serve = listener.AnswerAsync(
            "HTTP/1.1 302 Found\r\nLocation: /api/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 36\r\nConnection: close\r\n\r\n{\"prices\": [], \"continuation\": null}");

        var result = await CliWithAsync(new Dictionary<string, string?> { ["BILLING_ADMIN_KEY"] = TestKeys.Admin }, handler: null,
            "prices", "list", "--url", listener.Url);

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("redirect to", result.Stderr);
        Assert.Equal(1, await serve);
    }

    /// <summary>Content whose stream fails after the first bytes, as a connection reset mid-body does.</summary>
    private sealed class BrokenContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"prices\": ["u8.ToArray());
            throw new IOException("The response ended prematurely.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A one-port HTTP/1.1 stand-in on loopback that answers each connection with the next canned response.</summary>
    private sealed class LocalListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public LocalListener() => _listener.Start();

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        /// <summary>Answers connections in turn until the responses run out or nobody connects for a second; returns how many it served.</summary>
        public async Task<int> AnswerAsync(params string[] responses)
        {
            var served = 0;
            foreach (var response in responses)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var request = "";
                    while (!request.Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0) break;
                        request += Encoding.ASCII.GetString(buffer, 0, read);
                    }
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
                    served++;
                }
            }
            return served;
        }

        public void Dispose() => _listener.Stop();
    }
}
