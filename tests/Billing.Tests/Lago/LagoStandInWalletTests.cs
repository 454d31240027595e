using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using static Billing.Tests.Lago.LagoCalls;

namespace Billing.Tests.Lago;

/// <summary>The Lago stand-in's wallets, checked by Prism against <c>WalletsPaginated</c> and <c>Wallet</c>.</summary>
public sealed class LagoStandInWalletTests
{
    [Fact]
    public async Task Wallets_are_listed_in_pages_with_Lagos_meta()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        LagoWallet[] wallets = [LagoWallet.WithBalance("app-42", 10_000, 1_234), LagoWallet.WithBalance("app-42", 500), LagoWallet.WithBalance("app-42", 0)];
        foreach (var wallet in wallets) lago.PutWallet(wallet);
        lago.PutWallet(LagoWallet.WithBalance("someone-else", 100));

        var first = await (await client.GetAsync("/api/v1/wallets?external_customer_id=app-42&page=1&per_page=2")).AssertJsonAsync(HttpStatusCode.OK);
        var second = await (await client.GetAsync("/api/v1/wallets?external_customer_id=app-42&page=2&per_page=2")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal([wallets[0].LagoId, wallets[1].LagoId], Ids(first));
        Assert.Equal([wallets[2].LagoId], Ids(second));
        Assert.Equal("""{"current_page":1,"next_page":2,"prev_page":null,"total_pages":2,"total_count":3}""", first.GetProperty("meta").GetRawText());
        Assert.Equal("""{"current_page":2,"next_page":null,"prev_page":1,"total_pages":2,"total_count":3}""", second.GetProperty("meta").GetRawText());
        var wallet0 = first.GetProperty("wallets")[0];
        Assert.Equal((8_766, "87.66", "100.0"), (wallet0.GetProperty("ongoing_balance_cents").GetInt64(),
            wallet0.GetProperty("credits_ongoing_balance").GetString(), wallet0.GetProperty("credits_balance").GetString()));
        Assert.Empty(lago.Violations); // Every wallet carries what WalletObject requires, in its formats.
    }

    [Fact]
    public async Task Wallet_is_read_by_its_lago_id()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        var wallet = LagoWallet.WithBalance("app-42", 2_500) with { Code = "team-credits" };
        lago.PutWallet(wallet);

        var answer = await (await client.GetAsync($"/api/v1/wallets/{wallet.LagoId}")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(("app-42", "team-credits", 2_500), (answer.GetProperty("wallet").GetProperty("external_customer_id").GetString(),
            answer.GetProperty("wallet").GetProperty("code").GetString(), answer.GetProperty("wallet").GetProperty("balance_cents").GetInt32()));
        Assert.Empty(lago.Violations);
    }

    [Fact]
    public async Task Unknown_wallet_is_404_wallet_not_found()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var answer = await (await client.GetAsync($"/api/v1/wallets/{Guid.NewGuid()}")).AssertJsonAsync(HttpStatusCode.NotFound);

        Assert.Equal("""{"status":404,"error":"Not Found","code":"wallet_not_found"}""", answer.GetRawText());
        Assert.Empty(lago.Violations);
    }

    [Fact]
    public async Task Unknown_customer_is_404_customer_not_found_and_a_known_one_without_wallets_is_an_empty_list()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        lago.AddCustomer("app-7");

        var unknown = await (await client.GetAsync("/api/v1/wallets?external_customer_id=app-42")).AssertJsonAsync(HttpStatusCode.NotFound);
        var empty = await (await client.GetAsync("/api/v1/wallets?external_customer_id=app-7")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("customer_not_found", unknown.GetProperty("code").GetString());
        Assert.Equal(0, empty.GetProperty("wallets").GetArrayLength());
        Assert.Empty(lago.RequestViolations);
        // The spec declares no 404 for GET /wallets: Prism passes Lago's answer on with a warning.
        Assert.Contains(lago.Violations, v => v is { Location: "response", Severity: "Warning" });
    }

    [Fact]
    public async Task Wallet_id_that_is_not_a_uuid_is_rejected_by_Prism()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var response = await client.GetAsync("/api/v1/wallets/app-42");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("request.path.lago_id", Assert.Single(lago.RequestViolations).Location);
    }

    [Fact]
    public async Task Negative_credit_amount_breaks_the_spec_and_Prism_answers_500_instead()
    {
        // Lago sends "-1.2" for a depleted wallet, but the spec's pattern for credit amounts has no minus sign.
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        var depleted = LagoWallet.WithBalance("app-42", 100, ongoingUsageCents: 220);
        lago.PutWallet(depleted);

        var response = await client.GetAsync($"/api/v1/wallets/{depleted.LagoId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(lago.Violations, v => v is { Location: "response.body.wallet.credits_ongoing_balance", Code: "pattern" });
        Assert.Empty(lago.RequestViolations);
    }

    private static Guid[] Ids(JsonElement page) =>
        [.. page.GetProperty("wallets").EnumerateArray().Select(w => Guid.Parse(w.GetProperty("lago_id").GetString()!))];
}
