using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using Wallet = Billing.Tests.Infrastructure.Lago.LagoWallet;

namespace Billing.Tests.Lago;

/// <summary>Lago wallets mirrored into prepaid balances: the check follows the wallet, and no usage is subtracted twice.</summary>
public sealed class LagoPullTests(AzuriteFixture azurite) : LagoAppTest(azurite)
{
    private const string Team = "team:acme";

    private async Task<JsonElement> CreditsAsync(string subject) =>
        await (await App.ClientWithKey(TestKeys.Admin).GetAsync(BillingClient.AccountPath(subject) + "/credits")).AssertJsonAsync(HttpStatusCode.OK);

    private Task LinkedAccountAsync(string? customer = null) =>
        PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, lago = customer is null ? null : new { external_customer_id = customer } });

    [Fact]
    public async Task The_wallet_pull_flips_the_check_to_deny_when_the_Lago_wallet_is_depleted()
    {
        await LinkedAccountAsync();
        Lago.PutWallet(Wallet.WithBalance("acme", balanceCents: 500) with { LastBalanceSyncAt = Now.AddMinutes(-1) });
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());

        var first = await PullAsync();
        Assert.Equal((1, 1), (first.Accounts, first.Updated));
        Assert.Equal(5m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
        Assert.True((await CheckAsync("team", "acme", 1m)).GetProperty("allowed").GetBoolean());

        var wallet = Wallet.WithBalance("acme", balanceCents: 500, ongoingUsageCents: 500) with { LastBalanceSyncAt = Now };
        Lago.PutWallet(wallet with { LagoId = Lago.Wallets("acme").Single().LagoId });
        await PullAsync();

        var check = await CheckAsync("team", "acme");
        Assert.False(check.GetProperty("allowed").GetBoolean());
        Assert.Equal("team:acme", check.GetProperty("denied_by").GetProperty("subject").GetString());
        Assert.Equal(0m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
        Assert.Empty(Lago.RequestViolations);
    }

    [Fact]
    public async Task Spend_Lago_has_not_counted_yet_is_subtracted_once_and_spend_it_counted_is_not_subtracted_again()
    {
        await LinkedAccountAsync();
        Lago.PutWallet(Wallet.WithBalance("acme", balanceCents: 1000) with { LastBalanceSyncAt = Now.AddMinutes(-10) });
        await PullAsync();
        await ApplyAsync(Usage("call-1", 2m, Team), Usage("call-2", 1m, Team));
        Assert.Equal(7m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal()); // burned locally as usage arrives

        await PullAsync();
        Assert.Equal(7m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal()); // both still in the outbox: Lago has not seen them

        await PushAsync();
        await PullAsync();
        Assert.Equal(7m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal()); // pushed after Lago's refresh: still not in its figure

        App.Time.Advance(TimeSpan.FromMinutes(5));
        var refreshed = Wallet.WithBalance("acme", balanceCents: 1000, ongoingUsageCents: 300) with { LastBalanceSyncAt = App.Time.GetUtcNow(), LagoId = Lago.Wallets("acme").Single().LagoId };
        Lago.PutWallet(refreshed);
        await PullAsync();
        Assert.Equal(7m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal()); // now in Lago's figure, and only there
    }

    [Fact]
    public async Task Terminated_wallets_other_currencies_and_wallets_for_other_metrics_do_not_count()
    {
        await LinkedAccountAsync("acme-inc");
        Lago.PutWallet(Wallet.WithBalance("acme-inc", 300) with { LastBalanceSyncAt = Now });
        Lago.PutWallet(Wallet.WithBalance("acme-inc", 1000) with { Status = "terminated", TerminatedAt = Now.AddDays(-1) });
        Lago.PutWallet(Wallet.WithBalance("acme-inc", 1000) with { Currency = "EUR" });
        Lago.PutWallet(Wallet.WithBalance("acme-inc", 1000) with { BillableMetricCodes = ["storage_gb"] });

        await PullAsync();

        Assert.Equal(3m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Wallets_on_several_pages_all_count()
    {
        await LinkedAccountAsync();
        for (var i = 0; i < 120; i++) Lago.PutWallet(Wallet.WithBalance("acme", 10) with { LastBalanceSyncAt = Now });

        await PullAsync();

        Assert.Equal(12m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
        Assert.True(Lago.CountRequests("/api/v1/wallets") >= 2);
    }

    [Fact]
    public async Task An_account_whose_wallets_are_all_gone_stays_prepaid_and_is_denied_until_its_mirror_is_voided()
    {
        await LinkedAccountAsync();
        var wallet = Wallet.WithBalance("acme", 800) with { LastBalanceSyncAt = Now };
        Lago.PutWallet(wallet);
        await PullAsync();
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());

        Lago.PutWallet(wallet with { Status = "terminated", TerminatedAt = Now });
        var summary = await PullAsync();

        Assert.Equal(1, summary.WithoutWallet);
        Assert.False((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
        await (await App.ClientWithKey(TestKeys.Admin).DeleteAsync(BillingClient.AccountPath(Team) + "/credits/%40lago")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Lago_down_during_the_pull_leaves_the_mirror_as_it_was()
    {
        await LinkedAccountAsync();
        Lago.PutWallet(Wallet.WithBalance("acme", 400) with { LastBalanceSyncAt = Now });
        await PullAsync();
        Lago.FailNext(1, LagoFault.ServerError);

        var summary = await PullAsync();

        Assert.Equal(1, summary.Failed);
        Assert.Equal(4m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
    }
}
