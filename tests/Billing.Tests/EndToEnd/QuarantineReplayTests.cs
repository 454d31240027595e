using System.Net;
using Azure;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Functions.Usage;
using Billing.Tests.Infrastructure;
using Billing.Tests.Usage;

namespace Billing.Tests.EndToEnd;

/// <summary>
/// <c>POST /api/quarantine/{id}/replay</c>: a quarantined webhook element or poison message runs through today's
/// code and is applied exactly once; one that still cannot be used is a 422 naming the field, recorded on the row.
/// </summary>
public sealed class QuarantineReplayTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private readonly AzuriteFixture _azurite = azurite;

    private const string Team = "team:team-acme";
    private static readonly string Key = "key:" + SampleLedgerTests.KeyHash;

    private QuarantineClient Quarantine => field ??= new QuarantineClient(App);

    /// <summary>Stands for an element an older version rejected and today's code accepts: sample 01, a $0.0065 gpt-4o call.</summary>
    private static string AcceptedToday => PayloadBuilder.ChatSuccess().ToJson();

    private async Task<decimal> SpentAsync(string subject) =>
        (await Client.AccountAsync(subject)).GetProperty("lifetime").GetProperty("spent").GetDecimal();

    [Fact]
    public async Task A_webhook_element_todays_code_accepts_is_applied_and_the_replay_recorded()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, AcceptedToday, index: 4, reason: "an older normaliser rejected it");
        App.Time.Advance(TimeSpan.FromMinutes(3));

        var replayed = await Quarantine.ReplayedAsync(id);

        Assert.Equal($"{{\"id\":\"{id}\",\"source\":\"webhook\",\"events\":1,\"applied\":2,\"duplicates\":0,\"replayed_at\":\"2026-11-22T12:03:00+00:00\"}}", replayed.GetRawText());
        Assert.Equal((0.0065m, 0.0065m), (await SpentAsync(Team), await SpentAsync(Key)));
        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("2026-11-22T12:03:00+00:00", item.GetProperty("replayed_at").GetString());
        Assert.Equal("{\"events\":1,\"applied\":2,\"duplicates\":0}", item.GetProperty("replay").GetRawText());
    }

    [Fact]
    public async Task A_second_replay_applies_nothing_and_answers_duplicates()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, AcceptedToday);
        await Quarantine.ReplayedAsync(id);
        var before = (await Client.AccountAsync(Team)).GetProperty("lifetime").GetRawText();

        var again = await Quarantine.ReplayedAsync(id);

        Assert.Equal((1, 0, 2), (again.GetProperty("events").GetInt32(), again.GetProperty("applied").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        Assert.Equal(before, (await Client.AccountAsync(Team)).GetProperty("lifetime").GetRawText());
        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("{\"events\":1,\"applied\":0,\"duplicates\":2}", item.GetProperty("replay").GetRawText());
    }

    /// <summary>Stands for today's code reading the stored element differently: its raw text is replaced in the row.</summary>
    private async Task ReplaceRawAsync(string id, string raw) =>
        await App.Tables.Quarantine.UpdateEntityAsync(new TableEntity(id[..8], id[9..]) { ["Raw0"] = raw, ["RawLength"] = raw.Length }, ETag.All, TableUpdateMode.Merge);

    [Fact]
    public async Task A_replay_that_names_other_subjects_than_an_earlier_one_is_a_409_naming_subjects_and_applies_nothing()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, AcceptedToday);
        await Quarantine.ReplayedAsync(id);
        await ReplaceRawAsync(id, PayloadBuilder.ChatSuccess().SetString("metadata.user_api_key_team_id", "team-other").ToJson());

        var response = await Quarantine.ReplayAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "subjects");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync("team:team-other")).StatusCode);
        Assert.Equal(0.0065m, await SpentAsync(Team));
    }

    [Fact]
    public async Task A_successful_replay_clears_the_error_of_an_earlier_failed_one()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, PayloadBuilder.ChatSuccess().Set("response_cost", "-1").ToJson());
        await (await Quarantine.ReplayAsync(id)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "response_cost");
        await ReplaceRawAsync(id, AcceptedToday);

        await Quarantine.ReplayedAsync(id);

        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("replay_error").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("replay_failed_at").ValueKind);
        Assert.Equal("{\"events\":1,\"applied\":2,\"duplicates\":0}", item.GetProperty("replay").GetRawText());
    }

    [Fact]
    public async Task An_element_whose_event_does_not_fit_a_queue_message_is_a_422_naming_raw_as_the_queue_could_not_carry_it()
    {
        await using var app = new BillingApp(_azurite, Now, new() { ["Webhook:MaxMessageBytes"] = "16384" });
        var quarantine = new QuarantineClient(app);
        // Non-ASCII text is escaped in a queue message (six bytes a character): three 1,024-character fields pass 16 KiB.
        var wide = new string('é', 1024);
        var id = await quarantine.SaveAsync(QuarantinedItem.Webhook, PayloadBuilder.ChatSuccess().SetString("model", wide).SetString("model_group", wide)
            .SetString("metadata.user_api_key_team_id", wide).SetString("metadata.user_api_key_user_id", wide).ToJson());

        var response = await quarantine.ReplayAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "raw");
        Assert.Equal(HttpStatusCode.NotFound, (await new BillingClient(app).GetAccountAsync("team:" + wide)).StatusCode);
    }

    [Fact]
    public async Task A_call_LiteLLM_could_not_price_is_priced_from_todays_price_book()
    {
        await new PricesClient(App).SetAsync("acme-support-ft", 1.234567891m, 3.3333333333m);
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, PayloadBuilder.FromSample("11-cost-unknown-unmapped-model.json").ToJson());

        await Quarantine.ReplayedAsync(id);

        Assert.Equal(0.002514815m, await SpentAsync(Team));
    }

    [Fact]
    public async Task An_element_that_is_still_invalid_is_a_422_naming_the_field_and_nothing_is_applied()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, PayloadBuilder.ChatSuccess().Set("response_cost", "-1").ToJson());
        App.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await Quarantine.ReplayAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "response_cost");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAccountAsync(Team)).StatusCode);
        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("response_cost: must not be negative", item.GetProperty("replay_error").GetString());
        Assert.Equal("2026-11-22T12:01:00+00:00", item.GetProperty("replay_failed_at").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("replayed_at").ValueKind);
    }

    [Fact]
    public async Task A_poison_message_that_decodes_today_is_applied_once()
    {
        var usage = new UsageEventBuilder().For(UsageEventBuilder.Team("acme")).WithCost(0.25m).Build();
        var message = UsageMessageCodec.Pack([usage], 49_152).Single();
        var id = await Quarantine.SaveAsync(QuarantinedItem.Ingest, message, reason: "delivered 6 times without success");

        var first = await Quarantine.ReplayedAsync(id);
        var second = await Quarantine.ReplayedAsync(id);

        Assert.Equal(("ingest", 1, 1, 0), (first.GetProperty("source").GetString(), first.GetProperty("events").GetInt32(),
            first.GetProperty("applied").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 1), (second.GetProperty("applied").GetInt32(), second.GetProperty("duplicates").GetInt32()));
        Assert.Equal(0.25m, await SpentAsync("team:acme"));
    }

    [Fact]
    public async Task A_message_that_still_does_not_decode_is_a_422_naming_raw()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Ingest, "{\"v\":99,\"events\":[]}");

        var response = await Quarantine.ReplayAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "raw");
        var item = await (await Quarantine.GetAsync(id)).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Contains("not a version 1 usage message", item.GetProperty("replay_error").GetString());
    }

    [Fact]
    public async Task A_webhook_element_that_is_not_json_is_a_422_naming_raw()
    {
        var id = await Quarantine.SaveAsync(QuarantinedItem.Webhook, "{\"id\":");

        var response = await Quarantine.ReplayAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "raw");
    }
}
