using System.Net;
using Billing.Functions.Lago;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Lago;

public sealed partial class LagoClientTests
{
    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLagoClient();
        services.AddSingleton<TimeProvider>(_time);
        services.AddHttpClient<LagoClient>().ConfigurePrimaryHttpMessageHandler(() => _handler);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Registered_client_binds_the_Lago_section_and_sends_to_the_api_base()
    {
        _handler.Reply(HttpStatusCode.NotFound, """{"status":404,"error":"Not Found","code":"wallet_not_found"}""");
        using var services = Services(new() { ["Lago:ApiUrl"] = "https://lago.example/self-hosted", ["Lago:ApiKey"] = Key });
        services.GetRequiredService<IStartupValidator>().Validate();

        var result = await services.GetRequiredService<LagoClient>().GetWalletAsync("w-1", CancellationToken.None);

        Assert.IsType<LagoWalletResult.NotFound>(result);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("https://lago.example/self-hosted/api/v1/wallets/w-1", request.Uri.AbsoluteUri);
        Assert.Equal(Key, request.Authorization?.Parameter);
    }

    [Fact]
    public void Api_url_without_a_key_fails_at_start_up_naming_the_setting()
    {
        using var services = Services(new() { ["Lago:ApiUrl"] = "https://lago.example" });

        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Lago:ApiKey", failure.Message);
    }

    [Fact]
    public async Task No_api_url_means_the_sync_is_off_and_start_up_succeeds()
    {
        using var services = Services([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        var client = services.GetRequiredService<LagoClient>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ListWalletsAsync("acme", CancellationToken.None));
    }
}
