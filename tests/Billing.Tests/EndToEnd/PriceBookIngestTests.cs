using System.Net;
using Azure.Data.Tables;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Billing.Tests.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary>
/// Calls LiteLLM could not price (sample 11) are priced from the price book at the webhook, applied to the nano, and
/// every applied-event row says where its cost came from.
/// </summary>
public sealed class PriceBookIngestTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private const string Unmapped = "11-cost-unknown-unmapped-model.json";
    private const string UnmappedId = "chatcmpl-acme-ft-7f8e9d";
    private const string Team = "team:team-acme";
    private static readonly string Key = "key:" + SampleLedgerTests.KeyHash;

    // 930 × 1.234567891 + 410 × 3.3333333333 = 2,514.814805283 per million tokens, 0.002514815 to the nano.
    private const decimal UnmappedCost = 0.002514815m;

    private PricesClient Prices => field ??= new PricesClient(App);

    [Fact]
    public async Task An_unpriced_call_is_billed_at_the_price_book_cost_to_the_nano()
    {
        await Prices.SetAsync("acme-support-ft", 1.234567891m, 3.3333333333m);

        await PostAsync(Samples.Read(Unmapped));
        await App.DrainUsageQueueAsync();

        foreach (var subject in new[] { Team, Key })
        {
            var lifetime = (await Client.AccountAsync(subject)).GetProperty("lifetime");
            Assert.Equal((UnmappedCost, 1L), (lifetime.GetProperty("spent").GetDecimal(), lifetime.GetProperty("requests").GetInt64()));
            var row = await UsageRowAsync(subject, UnmappedId);
            Assert.Equal(("price_book", 2_514_815L), (row.GetString("PriceSource"), row.GetInt64("CostNanos")));
        }
    }

    [Fact]
    public async Task Without_a_price_the_call_is_counted_at_cost_0_and_its_row_says_unpriced()
    {
        await Prices.SetAsync("gpt-4o", 2.5m, 10m);

        await PostAsync(Samples.Read(Unmapped));
        await App.DrainUsageQueueAsync();

        var lifetime = (await Client.AccountAsync(Team)).GetProperty("lifetime");
        Assert.Equal((0m, 1L, 1340L), (lifetime.GetProperty("spent").GetDecimal(), lifetime.GetProperty("requests").GetInt64(),
            lifetime.GetProperty("tokens").GetProperty("total").GetInt64()));
        var row = await UsageRowAsync(Team, UnmappedId);
        Assert.Equal(("unpriced", 0L), (row.GetString("PriceSource"), row.GetInt64("CostNanos")));
        var report = await (await App.ClientWithKey(TestKeys.Admin).GetAsync(BillingClient.AccountPath(Team) + "/usage?group_by=model"))
            .AssertJsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("totals").GetProperty("unpriced").GetInt64());
        Assert.Equal(1, report.GetProperty("groups")[0].GetProperty("unpriced").GetInt64());
    }

    [Fact]
    public async Task A_call_LiteLLM_priced_keeps_its_cost_when_the_book_prices_its_model()
    {
        await Prices.SetAsync("gpt-4o", 100m, 100m);

        await PostAsync(Samples.Read("01-chat-success.json"));
        await App.DrainUsageQueueAsync();

        Assert.Equal(0.0065m, (await Client.AccountAsync(Team)).GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal("litellm", (await UsageRowAsync(Team, "chatcmpl-BxQ7mK2pL9vT4wR8sY1zA3cE5gH")).GetString("PriceSource"));
    }

    [Fact]
    public async Task The_book_prices_a_model_without_its_provider_prefix()
    {
        await Prices.SetAsync("acme-support-ft-v7", 1.234567891m, 3.3333333333m);

        await PostAsync(Body(PayloadBuilder.FromSample(Unmapped).Set("model_group", "null")));
        await App.DrainUsageQueueAsync();

        var row = await UsageRowAsync(Team, UnmappedId);
        Assert.Equal(("hosted_vllm/acme-support-ft-v7", "price_book", 2_514_815L), (row.GetString("Model"), row.GetString("PriceSource"), row.GetInt64("CostNanos")));
    }

    [Fact]
    public async Task A_price_set_here_applies_to_the_next_call_at_once()
    {
        await PostAsync(Body(WithId("before")));
        await Prices.SetAsync("acme-support-ft", 1.234567891m, 3.3333333333m);

        await PostAsync(Body(WithId("after")));
        await App.DrainUsageQueueAsync();

        Assert.Equal("unpriced", (await UsageRowAsync(Team, "before")).GetString("PriceSource"));
        Assert.Equal("price_book", (await UsageRowAsync(Team, "after")).GetString("PriceSource"));
        Assert.Equal(UnmappedCost, (await Client.AccountAsync(Team)).GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task A_price_another_instance_set_applies_after_the_refresh_interval()
    {
        await PostAsync(Body(WithId("first")));
        var otherInstance = App.Services.GetRequiredService<PriceStore>();
        await otherInstance.PutAsync(new StoredPrice("acme-support-ft", new ModelPrice(1.234567891m, 3.3333333333m), Now), default);

        App.Time.Advance(TimeSpan.FromSeconds(59));
        await PostAsync(Body(WithId("within-a-minute")));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        await PostAsync(Body(WithId("after-a-minute")));
        await App.DrainUsageQueueAsync();

        Assert.Equal("unpriced", (await UsageRowAsync(Team, "first")).GetString("PriceSource"));
        Assert.Equal("unpriced", (await UsageRowAsync(Team, "within-a-minute")).GetString("PriceSource"));
        Assert.Equal("price_book", (await UsageRowAsync(Team, "after-a-minute")).GetString("PriceSource"));
    }

    [Fact]
    public async Task A_duplicate_call_is_applied_once_at_the_price_it_was_first_accepted_with()
    {
        await Prices.SetAsync("acme-support-ft", 1.234567891m, 3.3333333333m);
        await PostAsync(Samples.Read(Unmapped));
        await App.DrainUsageQueueAsync();

        await Prices.SetAsync("acme-support-ft", 1000m, 1000m);
        await PostAsync(Samples.Read(Unmapped));
        await App.DrainUsageQueueAsync();

        var lifetime = (await Client.AccountAsync(Team)).GetProperty("lifetime");
        Assert.Equal((UnmappedCost, 1L), (lifetime.GetProperty("spent").GetDecimal(), lifetime.GetProperty("requests").GetInt64()));
    }

    [Fact]
    public async Task A_price_book_cost_larger_than_the_ledger_holds_rejects_the_element_by_field()
    {
        await Prices.SetAsync("acme-support-ft", ModelPrice.MaxPerMillion, ModelPrice.MaxPerMillion);

        var response = await Client.PostUsageAsync(Body(PayloadBuilder.FromSample(Unmapped).Set("prompt_tokens", "10000000000")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "[0].response_cost");
    }

    private async Task PostAsync(string body) => await (await Client.PostUsageAsync(body)).AssertJsonAsync(HttpStatusCode.Accepted);

    private static PayloadBuilder WithId(string id) => PayloadBuilder.FromSample(Unmapped).SetString("id", id);

    private static string Body(PayloadBuilder element) => "[" + element.ToJson() + "]";

    private async Task<TableEntity> UsageRowAsync(string subject, string eventId)
    {
        Assert.True(SubjectId.TryParse(subject, out var id));
        var row = await App.Tables.Ledger.GetEntityAsync<TableEntity>(SubjectRow.PartitionKey(id), UsageRow.RowKey(new UsageEventId(eventId)));
        return row.Value;
    }
}
