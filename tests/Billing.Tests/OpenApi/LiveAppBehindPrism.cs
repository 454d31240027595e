using System.Net;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.OpenApi;

/// <summary>
/// The real app on a loopback Kestrel port (its own tables, <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>),
/// and in front of it Prism 5.14.2 as <c>prism proxy --errors &lt;the document the app served&gt; &lt;app&gt;</c>: every
/// request and every answer is checked against the document, and Prism reports what does not match. One per test
/// class (Prism takes seconds to start); both are stopped by PID at the end.
/// </summary>
public sealed class LiveAppBehindPrism(AzuriteFixture azurite) : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private readonly BillingApp _app = new(azurite, Now, new() { ["Dashboard:SigningKey"] = TestKeys.DashboardSigning });
    private PrismProcess? _prism;
    private string? _document;

    /// <summary>A client to Prism, which forwards to the app.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyList<string> PrismLog => _prism?.Log ?? [];

    public async ValueTask InitializeAsync()
    {
        _app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app.StartServer();
        var url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var direct = new HttpClient { BaseAddress = url };
        direct.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Admin);
        _document = Path.Combine(Path.GetTempPath(), $"billing-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_document, await direct.GetStringAsync("/openapi/v1.json"));

        var root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("package.json not found above the test folder.");
        _prism = await PrismProcess.StartAsync(root, _document, url, CancellationToken.None);
        Client = new HttpClient { BaseAddress = _prism.Url };
    }

    /// <summary>Sends through Prism; answers the response, its body and what Prism found wrong with the request or the answer.</summary>
    public async Task<(HttpResponseMessage Response, string Body, IReadOnlyList<PrismViolation> Violations)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response, System.Text.Encoding.UTF8.GetString(bytes), PrismFindings.Read(response, bytes));
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_prism is not null) await _prism.DisposeAsync();
        await _app.DisposeAsync();
        if (_document is not null) File.Delete(_document);
    }
}
