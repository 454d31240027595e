using System.Net;
using Billing.Functions.Dashboard;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PuppeteerSharp;

namespace Billing.Tests.Dashboard;

/// <summary>
/// The real app on a loopback Kestrel port (own tables, <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>,
/// a signing key, its Table requests counted), one seeded account, and one headless Chromium for the test class.
/// </summary>
public sealed class LiveDashboard(AzuriteFixture azurite) : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public TableRequestCounter Counter { get; } = new();

    public BillingApp App { get; private set; } = null!;

    public Uri Url { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The seeded account's subject (<see cref="DashboardSeed"/>).</summary>
    public string Subject { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = new BillingApp(azurite, Now, new() { ["Dashboard:SigningKey"] = TestKeys.DashboardSigning },
            services => services.AddSingleton(sp => new BillingTables(sp.GetRequiredService<IOptions<StorageOptions>>(), Counter.Options())));
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        Url = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Browser = await Chromium.LaunchAsync();
        Subject = await DashboardSeed.AccountAsync(App, Now, "team-acme");
    }

    /// <summary>A signed link to <paramref name="subject"/>'s page, expiring at <paramref name="expires"/> (default in 7 days).</summary>
    public string Link(string subject, DateTimeOffset? expires = null) =>
        App.Services.GetRequiredService<DashboardLinks>().Create(Url.ToString(),
            Billing.Domain.Subjects.SubjectId.TryParse(subject, out var id) ? id : throw new ArgumentException(subject), expires ?? Now.AddDays(7)).Url;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
    }
}
