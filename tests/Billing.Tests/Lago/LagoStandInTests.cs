using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using static Billing.Tests.Lago.LagoCalls;

namespace Billing.Tests.Lago;

/// <summary>The Lago stand-in against Prism and the spec, over plain HTTP, the way the app will call it.</summary>
public sealed class LagoStandInTests
{
    private const string Batch = "/api/v1/events/batch";

    [Fact]
    public async Task Valid_batch_is_stored_and_answered_per_the_spec()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var answer = await (await client.PostBatchAsync(Event("t1"), Event("t2", timestamp: "1716200001"))).AssertJsonAsync(HttpStatusCode.OK);

        var first = answer.GetProperty("events")[0];
        Assert.Equal("t1", first.GetProperty("transaction_id").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("lago_customer_id").ValueKind);
        Assert.Equal("2024-05-20T10:13:20.123Z", first.GetProperty("timestamp").GetString());
        Assert.Equal("0.625", first.GetProperty("precise_total_amount_cents").GetString());
        Assert.Equal("1200", first.GetProperty("properties").GetProperty("input_tokens").GetString());
        Assert.Equal(["t1", "t2"], lago.Events.Select(e => e.TransactionId));
        Assert.Equal(("sub_app-42", "llm_usage", "1716200000.123", "0.625", "6250"),
            (lago.Events[0].ExternalSubscriptionId, lago.Events[0].Code, lago.Events[0].Timestamp, lago.Events[0].PreciseTotalAmountCents, lago.Events[0].Property("cost_usd_micros")));
        Assert.Equal("1716200001", lago.Events[1].Timestamp);
        Assert.Empty(lago.Violations); // Prism found nothing wrong with the request, nor with the stand-in's answer.
        Assert.True(lago.Requests.Single().ReachedStandIn);
    }

    [Fact]
    public async Task Duplicate_transaction_is_refused_with_value_already_exist_and_nothing_of_its_batch_is_stored()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.OK);

        var refusal = await (await client.PostBatchAsync(Event("t2"), Event("t1"))).AssertJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("""{"status":422,"error":"Unprocessable Entity","code":"validation_errors","error_details":{"1":{"transaction_id":["value_already_exist"]}}}""", refusal.GetRawText());
        Assert.Equal(["t1"], lago.Events.Select(e => e.TransactionId));
        Assert.Empty(lago.RequestViolations);
    }

    [Fact]
    public async Task Transaction_repeated_within_a_batch_refuses_the_whole_batch()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var refusal = await (await client.PostBatchAsync(Event("t1"), Event("t1"))).AssertJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("""{"1":{"transaction_id":["value_already_exist"]}}""", refusal.GetProperty("error_details").GetRawText());
        Assert.Empty(lago.Events);
    }

    [Fact]
    public async Task Same_transaction_id_under_another_subscription_is_another_event()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        await (await client.PostBatchAsync(Event("t1", subscription: "sub_a"), Event("t1", subscription: "sub_b"))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["sub_a", "sub_b"], lago.Events.Select(e => e.ExternalSubscriptionId));
    }

    [Theory]
    [InlineData("[]", """{"events":["no_events"]}""")]
    [InlineData("101", """{"events":["too_many_events"]}""")]
    [InlineData("blank", """{"0":{"transaction_id":["value_is_mandatory"]}}""")]
    [InlineData("iso", """{"0":{"timestamp":["invalid_format"]}}""")]
    public async Task Batch_that_passes_the_spec_but_not_Lago_is_refused_by_the_stand_in(string batch, string errorDetails)
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        string[] events = batch switch
        {
            "[]" => [],
            "101" => [.. Enumerable.Range(0, 101).Select(i => Event($"t{i}"))],
            "blank" => [Event(" ")],
            _ => [Event("t1", timestamp: "\"2024-05-20T10:13:20Z\"")],
        };

        var refusal = await (await client.PostBatchAsync(events)).AssertJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(errorDetails, refusal.GetProperty("error_details").GetRawText());
        Assert.Empty(lago.Events);
        Assert.Empty(lago.Violations);
    }

    [Fact]
    public async Task Float_timestamp_is_rejected_by_Prism_and_reported_as_a_request_violation()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var response = await client.PostBatchAsync(Event("t1", timestamp: "1716200000.123"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(lago.RequestViolations, v => v is { Location: "request.body.events.0.timestamp", Code: "oneOf" });
        Assert.False(lago.Requests.Single().ReachedStandIn);
        Assert.Empty(lago.Events);
    }

    [Fact]
    public async Task Event_without_a_required_field_is_rejected_by_Prism_and_reported()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var response = await client.PostBatchAsync("""{"transaction_id":"t1","code":"llm_usage","timestamp":"1716200000"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var violation = Assert.Single(lago.RequestViolations);
        Assert.Equal(("request.body.events.0", "required"), (violation.Location, violation.Code));
        Assert.Contains("external_subscription_id", violation.Message);
        Assert.Empty(lago.Events);
    }

    [Fact]
    public async Task Wrong_key_gets_Lagos_401_and_nothing_is_stored()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago, key: "not-the-key");

        var refusal = await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("""{"status":401,"error":"Unauthorized"}""", refusal.GetRawText());
        Assert.Empty(lago.Events);
        Assert.Empty(lago.RequestViolations);
    }

    [Fact]
    public async Task Request_without_a_bearer_gets_401_from_Prism_and_a_security_violation()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago, key: null);

        var response = await client.PostBatchAsync(Event("t1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("request.security", Assert.Single(lago.RequestViolations).Location);
        Assert.Empty(lago.Events);
    }

    [Fact]
    public async Task Path_outside_api_v1_is_refused_and_reported()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);

        var response = await client.PostAsync("/events/batch", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("outside_api_v1", Assert.Single(lago.RequestViolations).Code);
    }

    [Fact]
    public async Task Stand_ins_keep_their_own_events()
    {
        await using var one = await LagoStandIn.StartAsync(Key);
        await using var other = await LagoStandIn.StartAsync(Key);
        using var toOne = Client(one);
        using var toOther = Client(other);

        await (await toOne.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.OK);
        await (await toOther.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Single(one.Events);
        Assert.Single(other.Events);
        Assert.Equal(1, one.CountRequests(Batch, 200));
    }
}
