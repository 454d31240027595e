using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

/// <summary><c>GET /api/quarantine</c> and <c>GET /api/quarantine/{id}</c>: pages oldest first, items with their raw text.</summary>
public sealed class QuarantineApiTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private QuarantineClient Quarantine => field ??= new QuarantineClient(App);

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task The_list_shows_the_last_seven_days_oldest_first_without_the_raw_text()
    {
        await Quarantine.SaveAsync(QuarantinedItem.Webhook, "{\"old\":true}", index: 0);
        App.Time.Advance(TimeSpan.FromDays(6));
        var first = await Quarantine.SaveAsync(QuarantinedItem.Webhook, "{\"id\":\"a\"}", index: 3, reason: "response_cost: must not be negative");
        App.Time.Advance(TimeSpan.FromDays(2));
        var second = await Quarantine.SaveAsync(QuarantinedItem.Ingest, "not a message");

        var page = await Quarantine.ListAsync();

        Assert.Equal([first, second], Ids(page));
        var item = page.GetProperty("items")[0];
        Assert.Equal(
            $"{{\"id\":\"{first}\",\"source\":\"webhook\",\"index\":3,\"reason\":\"response_cost: must not be negative\",\"received_at\":\"2026-11-28T12:00:00+00:00\","
            + "\"raw_length\":10,\"truncated\":false,\"replayed_at\":null,\"replay\":null,\"replay_error\":null,\"replay_failed_at\":null}",
            item.GetRawText());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("items")[1].GetProperty("index").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation").ValueKind);
    }

    [Fact]
    public async Task A_small_limit_pages_through_every_item_with_the_continuation()
    {
        var saved = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            saved.Add(await Quarantine.SaveAsync(QuarantinedItem.Ingest, $"message {i}"));
            App.Time.Advance(TimeSpan.FromHours(10));
        }

        var listed = new List<string>();
        var pages = 0;
        var query = "?from=2026-11-22&limit=2";
        while (true)
        {
            var page = await Quarantine.ListAsync(query);
            listed.AddRange(Ids(page));
            pages++;
            if (page.GetProperty("continuation").GetString() is not { } continuation) break;
            query = $"?from=2026-11-22&limit=2&continuation={Uri.EscapeDataString(continuation)}";
        }

        Assert.Equal(saved, listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task From_an_instant_starts_the_list_at_that_instant()
    {
        await Quarantine.SaveAsync(QuarantinedItem.Ingest, "early");
        App.Time.Advance(TimeSpan.FromMinutes(1));
        var late = await Quarantine.SaveAsync(QuarantinedItem.Ingest, "late");

        var page = await Quarantine.ListAsync("?from=2026-11-22T13:00:30%2B01:00");

        Assert.Equal([late], Ids(page));
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-22T12:00:00", "from")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=1&limit=2", "limit")]
    [InlineData("?continuation=not-ours", "continuation")]
    [InlineData("?continuation=MgAwADIANgA", "continuation")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var response = await Quarantine.GetListAsync(query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task An_item_is_shown_with_its_raw_text()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, "{\"id\":\"chatcmpl-1\",\"response_cost\":-1}", index: 2, reason: "response_cost: must not be negative");

        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal("{\"id\":\"chatcmpl-1\",\"response_cost\":-1}", item.GetProperty("raw").GetString());
        Assert.Equal((2, 38), (item.GetProperty("index").GetInt32(), item.GetProperty("raw_length").GetInt32()));
    }

    [Theory]
    [InlineData("20261122-1200000000000-0123456789abcdef0123456789abcdef")]
    [InlineData("nope")]
    [InlineData("20261122-1200000000000-0123456789abcdef0123456789abcdef/more")]
    public async Task An_unknown_or_malformed_id_is_a_404(string id)
    {
        await Quarantine.SaveAsync(QuarantinedItem.Ingest, "something");

        await (await Quarantine.GetAsync(id)).AssertProblemAsync(HttpStatusCode.NotFound, "id");
        await (await Quarantine.ReplayAsync(id)).AssertProblemAsync(HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task A_post_to_an_item_without_replay_is_a_404()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Ingest, "something");

        var response = await App.ClientWithKey(TestKeys.Admin).PostAsync($"/api/quarantine/{id}", content: null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "path");
    }

    [Theory]
    [InlineData("GET", "/api/quarantine", null)]
    [InlineData("GET", "/api/quarantine/20261122-1200000000000-0123456789abcdef0123456789abcdef", null)]
    [InlineData("POST", "/api/quarantine/20261122-1200000000000-0123456789abcdef0123456789abcdef/replay", null)]
    [InlineData("GET", "/api/quarantine", TestKeys.Ingest)]
    [InlineData("POST", "/api/quarantine/20261122-1200000000000-0123456789abcdef0123456789abcdef/replay", TestKeys.Check)]
    public async Task The_quarantine_needs_the_admin_key(string method, string path, string? key)
    {
        var client = App.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }
}
