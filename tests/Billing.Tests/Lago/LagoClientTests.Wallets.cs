using System.Net;
using System.Net.Http.Headers;
using Billing.Functions.Lago;

namespace Billing.Tests.Lago;

public sealed partial class LagoClientTests
{
    /// <summary>A <c>WalletObject</c> as Lago sends it, with the fields the client reads and a few it ignores.</summary>
    private static string WalletJson(string id, string rate = "1.0", string credits = "87.66", long cents = 8766, string? extra = null) => $$"""
        {"lago_id":"{{id}}","lago_customer_id":"c0ffee00-0000-0000-0000-000000000001","external_customer_id":"app-42",
         "status":"active","currency":"USD","name":"Prepaid","code":"prepaid","priority":10,"rate_amount":"{{rate}}",
         "credits_balance":"100.0","balance_cents":10000,"consumed_credits":"0.0","created_at":"2024-05-01T00:00:00Z",
         "ongoing_balance_cents":{{cents}},"ongoing_usage_balance_cents":1234,"credits_ongoing_balance":"{{credits}}",
         "credits_ongoing_usage_balance":"12.34","invoice_requires_successful_payment":false,
         "last_balance_sync_at":"2024-05-20T10:10:00Z","recurring_transaction_rules":[]{{extra}}}
        """;

    private static string Page(int current, int? next, params string[] wallets) =>
        $$$"""{"wallets":[{{{string.Join(",", wallets)}}}],"meta":{"current_page":{{{current}}},"next_page":{{{next?.ToString() ?? "null"}}},"prev_page":null,"total_pages":3,"total_count":3}}""";

    [Fact]
    public async Task Wallets_are_listed_over_every_page_with_the_customer_in_the_query()
    {
        _handler
            .Reply(HttpStatusCode.OK, Page(1, 2, WalletJson("w-1")))
            .Reply(HttpStatusCode.OK, Page(2, 3, WalletJson("w-2")))
            .Reply(HttpStatusCode.OK, Page(3, null, WalletJson("w-3")));

        var result = await Client().ListWalletsAsync("team:search/eu", CancellationToken.None);

        var listed = Assert.IsType<LagoWalletsResult.Listed>(result);
        Assert.Equal(["w-1", "w-2", "w-3"], listed.Wallets.Select(w => w.LagoId));
        Assert.Equal(
            [
                "https://lago.example/api/v1/wallets?external_customer_id=team%3Asearch%2Feu&page=1&per_page=100",
                "https://lago.example/api/v1/wallets?external_customer_id=team%3Asearch%2Feu&page=2&per_page=100",
                "https://lago.example/api/v1/wallets?external_customer_id=team%3Asearch%2Feu&page=3&per_page=100",
            ],
            _handler.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.All(_handler.Requests, r => Assert.Equal((HttpMethod.Get, new AuthenticationHeaderValue("Bearer", Key)), (r.Method, r.Authorization)));
    }

    [Fact]
    public async Task Wallet_decimal_strings_are_parsed_exactly()
    {
        _handler.Reply(HttpStatusCode.OK, Page(1, null,
            WalletJson("w-1", rate: "0.000000001", credits: "12345678901234567.123456789", cents: 9007199254740993),
            WalletJson("w-2", rate: "1.10", credits: "-1.2", cents: -120)));

        var listed = Assert.IsType<LagoWalletsResult.Listed>(await Client().ListWalletsAsync("app-42", CancellationToken.None));

        Assert.Equal(0.000000001m, listed.Wallets[0].RateAmount);
        Assert.Equal(12345678901234567.123456789m, listed.Wallets[0].CreditsOngoingBalance);
        Assert.Equal(9007199254740993L, listed.Wallets[0].OngoingBalanceCents);
        Assert.Equal(1.10m, listed.Wallets[1].RateAmount);
        Assert.Equal(-1.2m, listed.Wallets[1].CreditsOngoingBalance);
        Assert.Equal(-120L, listed.Wallets[1].OngoingBalanceCents);
    }

    [Fact]
    public async Task Wallet_fields_are_read_with_applies_to_codes_or_none()
    {
        _handler.Reply(HttpStatusCode.OK, Page(1, null,
            WalletJson("w-1", extra: ""","applies_to":{"fee_types":["charge"],"billable_metric_codes":["llm_usage"]}"""),
            WalletJson("w-2")));

        var listed = Assert.IsType<LagoWalletsResult.Listed>(await Client().ListWalletsAsync("app-42", CancellationToken.None));

        var first = listed.Wallets[0];
        Assert.Equal(("app-42", "active", "USD", "prepaid", 10), (first.ExternalCustomerId, first.Status, first.Currency, first.Code, first.Priority));
        Assert.True(first.IsActive);
        Assert.Equal(new DateTimeOffset(2024, 5, 20, 10, 10, 0, TimeSpan.Zero), first.LastBalanceSyncAt);
        Assert.Equal(["llm_usage"], first.BillableMetricCodes);
        Assert.Empty(listed.Wallets[1].BillableMetricCodes);
    }

    [Fact]
    public async Task Unknown_customer_has_no_wallets()
    {
        _handler.Reply(HttpStatusCode.NotFound, """{"status":404,"error":"Not Found","code":"customer_not_found"}""");

        var result = await Client().ListWalletsAsync("app-unknown", CancellationToken.None);

        Assert.Empty(Assert.IsType<LagoWalletsResult.Listed>(result).Wallets);
    }

    [Fact]
    public async Task Bare_404_on_wallets_is_refused_as_a_wrong_url()
    {
        _handler.Reply(HttpStatusCode.NotFound, "<html>Not Found</html>");

        var result = await Client().ListWalletsAsync("app-42", CancellationToken.None);

        var refused = Assert.IsType<LagoFailure.Refused>(Assert.IsType<LagoWalletsResult.Failed>(result).Failure);
        Assert.Equal((404, null), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task Throttled_page_fails_the_listing_with_the_wait()
    {
        _handler
            .Reply(HttpStatusCode.OK, Page(1, 2, WalletJson("w-1")))
            .Reply(HttpStatusCode.TooManyRequests, headers: r => r.Headers.Add("X-RateLimit-Reset", "2"));

        var result = await Client().ListWalletsAsync("app-42", CancellationToken.None);

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(2)), Assert.IsType<LagoWalletsResult.Failed>(result).Failure);
    }

    [Fact]
    public async Task Pages_that_do_not_advance_are_refused_instead_of_looping()
    {
        _handler
            .Reply(HttpStatusCode.OK, Page(1, 2, WalletJson("w-1")))
            .Reply(HttpStatusCode.OK, Page(2, 2, WalletJson("w-2")));

        var result = await Client().ListWalletsAsync("app-42", CancellationToken.None);

        Assert.IsType<LagoFailure.Refused>(Assert.IsType<LagoWalletsResult.Failed>(result).Failure);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task Listing_stops_after_100_pages()
    {
        for (var page = 1; page <= LagoClient.MaxWalletPages; page++) _handler.Reply(HttpStatusCode.OK, Page(page, page + 1, WalletJson($"w-{page}")));

        var result = await Client().ListWalletsAsync("app-42", CancellationToken.None);

        var refused = Assert.IsType<LagoFailure.Refused>(Assert.IsType<LagoWalletsResult.Failed>(result).Failure);
        Assert.Contains("more than 100 pages", refused.Error);
        Assert.Equal(100, _handler.Requests.Count);
    }

    [Fact]
    public async Task Wallet_answer_that_breaks_the_spec_is_refused()
    {
        _handler.Reply(HttpStatusCode.OK, Page(1, null, WalletJson("w-1", rate: "1,5")));

        var result = await Client().ListWalletsAsync("app-42", CancellationToken.None);

        var refused = Assert.IsType<LagoFailure.Refused>(Assert.IsType<LagoWalletsResult.Failed>(result).Failure);
        Assert.Equal((200, "unexpected answer: wallet rate_amount is not a decimal number"), (refused.Status, refused.Error));
    }

    [Fact]
    public async Task One_wallet_is_read_by_its_lago_id()
    {
        _handler.Reply(HttpStatusCode.OK, $$"""{"wallet":{{WalletJson("1a901a90-1a90-1a90-1a90-1a901a901a90", credits: "8.5")}}}""");

        var result = await Client().GetWalletAsync("1a901a90-1a90-1a90-1a90-1a901a901a90", CancellationToken.None);

        var found = Assert.IsType<LagoWalletResult.Found>(result);
        Assert.Equal(8.5m, found.Wallet.CreditsOngoingBalance);
        var request = Assert.Single(_handler.Requests);
        Assert.Equal("https://lago.example/api/v1/wallets/1a901a90-1a90-1a90-1a90-1a901a901a90", request.Uri.AbsoluteUri);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", Key), request.Authorization);
    }

    [Fact]
    public async Task Unknown_wallet_is_not_found()
    {
        _handler.Reply(HttpStatusCode.NotFound, """{"status":404,"error":"Not Found","code":"wallet_not_found"}""");

        var result = await Client().GetWalletAsync("1a901a90-1a90-1a90-1a90-1a901a901a90", CancellationToken.None);

        Assert.IsType<LagoWalletResult.NotFound>(result);
    }

    [Fact]
    public async Task Wallet_read_with_a_wrong_key_is_refused()
    {
        _handler.Reply(HttpStatusCode.Unauthorized, """{"status":401,"error":"Unauthorized"}""");

        var result = await Client().GetWalletAsync("w-1", CancellationToken.None);

        Assert.Equal(new LagoFailure.Refused(401, "Unauthorized"), Assert.IsType<LagoWalletResult.Failed>(result).Failure);
    }
}
