using System.Net;
using Billing.Tests.Infrastructure;
using Wallet = Billing.Tests.Infrastructure.Lago.LagoWallet;

namespace Billing.Tests.Lago;

/// <summary>Signed Lago webhooks: verified over the raw body, handled once per unique key, acted on.</summary>
public sealed class LagoWebhookTests(AzuriteFixture azurite) : LagoAppTest(azurite)
{
    private const string Team = "team:acme";

    private static string Depleted(string customer) =>
        $$$"""{"webhook_type":"wallet.depleted_ongoing_balance","object_type":"wallet","organization_id":"org-1","wallet":{"lago_id":"w-1","external_customer_id":"{{{customer}}}","ongoing_balance_cents":-120}}""";

    private static string Terminated(string subscription) =>
        $$$"""{"webhook_type":"subscription.terminated","object_type":"subscription","organization_id":"org-1","subscription":{"external_id":"{{{subscription}}}","external_customer_id":"acme","status":"terminated"}}""";

    private async Task PrepaidByLagoAsync(long cents)
    {
        await PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" } });
        Lago.PutWallet(Wallet.WithBalance("acme", cents) with { LastBalanceSyncAt = Now });
        await PullAsync();
    }

    [Theory]
    [InlineData("hmac")]
    [InlineData("jwt")]
    public async Task A_signed_depleted_wallet_webhook_refreshes_the_mirror_at_once(string algorithm)
    {
        await PrepaidByLagoAsync(500);
        Lago.PutWallet(Wallet.WithBalance("acme", 500, ongoingUsageCents: 500) with { LastBalanceSyncAt = Now, LagoId = Lago.Wallets("acme").Single().LagoId });

        var response = await PostWebhookAsync(Depleted("acme"), algorithm);

        await response.AssertJsonAsync(HttpStatusCode.OK);
        Assert.False((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_wallet_transaction_webhook_finds_the_wallet_s_customer_and_refreshes_it()
    {
        await PrepaidByLagoAsync(0);
        var id = Lago.Wallets("acme").Single().LagoId;
        Lago.PutWallet(Wallet.WithBalance("acme", 2500) with { LastBalanceSyncAt = Now, LagoId = id });
        var body = $$$"""{"webhook_type":"wallet_transaction.updated","object_type":"wallet_transaction","organization_id":"org-1","wallet_transaction":{"lago_id":"t-1","lago_wallet_id":"{{{id}}}","status":"settled"}}""";

        await (await PostWebhookAsync(body)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True((await CheckAsync("team", "acme", 20m)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_401_and_changes_nothing()
    {
        await PrepaidByLagoAsync(500);
        var signature = Signer.Hmac(Terminated("other"));

        var response = await PostWebhookAsync(Terminated("acme"), signature: signature);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "X-Lago-Signature");
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task An_unsigned_webhook_is_refused_with_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lago/webhooks") { Content = new StringContent(Terminated("acme")) };
        request.Headers.Add("X-Lago-Unique-Key", "k-1");

        var response = await App.CreateClient().SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "X-Lago-Signature");
    }

    [Fact]
    public async Task A_replayed_webhook_is_acknowledged_and_not_acted_on_again()
    {
        await PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" } });
        await (await PostWebhookAsync(Terminated("acme"), uniqueKey: "k-1")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.False((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
        var started = Terminated("acme").Replace("subscription.terminated", "subscription.started", StringComparison.Ordinal);
        await (await PostWebhookAsync(started, uniqueKey: "k-2")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());

        var replay = await (await PostWebhookAsync(Terminated("acme"), uniqueKey: "k-1")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("already handled", replay.GetProperty("status").GetString());
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_terminated_subscription_suspends_its_account_until_the_account_names_another_subscription()
    {
        await PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, lago = new { external_subscription_id = "sub-2026" } });

        await (await PostWebhookAsync(Terminated("sub-2026"))).AssertJsonAsync(HttpStatusCode.OK);
        var denied = await CheckAsync("team", "acme");
        await PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, lago = new { external_subscription_id = "sub-2027" } });

        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Contains("sub-2026", denied.GetProperty("reason").GetString());
        Assert.True((await CheckAsync("team", "acme")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Other_webhook_types_are_acknowledged()
    {
        var body = """{"webhook_type":"invoice.created","object_type":"invoice","organization_id":"org-1","invoice":{"lago_id":"i-1"}}""";

        var answer = await (await PostWebhookAsync(body)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("acknowledged", answer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task When_Lago_cannot_be_read_the_webhook_answers_503_so_Lago_delivers_it_again()
    {
        await PrepaidByLagoAsync(500);
        Lago.FailNext(1, Billing.Tests.Infrastructure.Lago.LagoFault.ServerError);

        var failed = await PostWebhookAsync(Depleted("acme"), uniqueKey: "k-9");
        var again = await PostWebhookAsync(Depleted("acme"), uniqueKey: "k-9");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotEqual("already handled", (await again.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
    }
}
