using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Billing.Functions.Lago;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Tests.Lago;

/// <summary>The Lago client against a hand-written fake handler: request shapes, and every answer mapped to an outcome.</summary>
public sealed partial class LagoClientTests
{
    private const string Key = "lago-test-key-0001";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeLagoHandler _handler = new();
    private readonly FakeTimeProvider _time = new(Now);

    private LagoClient Client() => new(
        new HttpClient(_handler),
        Options.Create(new LagoOptions { ApiUrl = "https://lago.example/", ApiKey = Key, RequestTimeout = TimeSpan.FromSeconds(30) }),
        _time, network: _time);

    private static LagoEvent Event(int n = 0) => new($"litellm:call-{n}", "sub_app-42", "llm_usage", "1716200000");

    private async Task<LagoFailure> FailureOfPostAsync()
    {
        var outcome = await Client().PostEventsAsync([Event()], CancellationToken.None);
        return Assert.IsType<LagoBatchOutcome.Failed>(outcome).Failure;
    }

    [Fact]
    public async Task Batch_is_posted_to_events_batch_with_the_bearer_key_and_the_spec_body()
    {
        _handler.Reply(HttpStatusCode.OK, """{"events":[]}""");
        var properties = new Dictionary<string, string> { ["model"] = "gpt-4o", ["input_tokens"] = "1200" };
        LagoEvent[] events =
        [
            new("litellm:chatcmpl-9f2c1a", "sub_app-42", "llm_usage", "1716200000.123", "0.625", properties),
            new("litellm:chatcmpl-9f2c1b", "sub_app-42", "llm_usage", "1716200001"),
        ];

        await Client().PostEventsAsync(events, CancellationToken.None);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://lago.example/api/v1/events/batch", request.Uri.ToString());
        Assert.Equal(new AuthenticationHeaderValue("Bearer", Key), request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            """{"events":[{"transaction_id":"litellm:chatcmpl-9f2c1a","external_subscription_id":"sub_app-42","code":"llm_usage","timestamp":"1716200000.123","precise_total_amount_cents":"0.625","properties":{"model":"gpt-4o","input_tokens":"1200"}},"""
            + """{"transaction_id":"litellm:chatcmpl-9f2c1b","external_subscription_id":"sub_app-42","code":"llm_usage","timestamp":"1716200001"}]}""",
            request.Body);
    }

    [Fact]
    public async Task Timestamp_amount_and_property_values_are_json_strings()
    {
        _handler.Reply(HttpStatusCode.OK);
        var properties = new Dictionary<string, string> { ["output_tokens"] = "350" };

        await Client().PostEventsAsync([new("t-1", "sub-1", "llm_usage", "1716200000", "12", properties)], CancellationToken.None);

        using var body = JsonDocument.Parse(_handler.Requests[0].Body!);
        var sent = body.RootElement.GetProperty("events")[0];
        Assert.Equal(JsonValueKind.String, sent.GetProperty("timestamp").ValueKind);
        Assert.Equal(JsonValueKind.String, sent.GetProperty("precise_total_amount_cents").ValueKind);
        Assert.Equal(JsonValueKind.String, sent.GetProperty("properties").GetProperty("output_tokens").ValueKind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Batch_of_no_events_or_more_than_100_is_a_caller_bug(int count)
    {
        var events = Enumerable.Range(0, count).Select(Event).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Client().PostEventsAsync(events, CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("2024-05-20T10:13:20Z")]
    [InlineData("1716200000.")]
    [InlineData("-1716200000")]
    [InlineData("")]
    public void Event_timestamp_must_be_unix_seconds(string timestamp)
    {
        Assert.Throws<ArgumentException>(() => new LagoEvent("t-1", "sub-1", "llm_usage", timestamp));
    }

    [Theory]
    [InlineData(0, "1716200000")]
    [InlineData(123, "1716200000.123")]
    [InlineData(7, "1716200000.007")]
    public void Timestamp_of_a_time_is_unix_seconds_with_milliseconds_when_it_has_them(int milliseconds, string expected)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1716200000).AddMilliseconds(milliseconds).AddTicks(9);

        Assert.Equal(expected, LagoEvent.TimestampOf(at));
    }

    [Fact]
    public async Task Answer_200_is_accepted()
    {
        _handler.Reply(HttpStatusCode.OK, """{"events":[{"lago_id":"x","transaction_id":"litellm:call-0","lago_customer_id":null}]}""");

        var outcome = await Client().PostEventsAsync([Event()], CancellationToken.None);

        Assert.IsType<LagoBatchOutcome.Accepted>(outcome);
    }

    [Fact]
    public async Task Answer_422_of_duplicates_only_is_rejected_as_all_already_existing()
    {
        _handler.Reply(HttpStatusCode.UnprocessableEntity, """
            {"status":422,"error":"Unprocessable Entity","code":"validation_errors",
             "error_details":{"0":{"transaction_id":["value_already_exist"]},"2":{"transaction_id":["value_already_exist"]}}}
            """);

        var outcome = await Client().PostEventsAsync([Event(0), Event(1), Event(2)], CancellationToken.None);

        var rejected = Assert.IsType<LagoBatchOutcome.Rejected>(outcome);
        Assert.True(rejected.AllAlreadyExist);
        Assert.Equal("validation_errors", rejected.Code);
        Assert.Equal([true, false, true], [rejected.IsAlreadyExisting(0), rejected.IsAlreadyExisting(1), rejected.IsAlreadyExisting(2)]);
        Assert.Empty(rejected.OtherErrors);
    }

    [Fact]
    public async Task Answer_422_with_mixed_errors_keeps_index_errors_and_other_keys_apart()
    {
        _handler.Reply(HttpStatusCode.UnprocessableEntity, """
            {"status":422,"error":"Unprocessable Entity","code":"validation_errors",
             "error_details":{"0":{"transaction_id":["value_already_exist"]},
                              "1":{"transaction_id":["value_already_exist"],"timestamp":["invalid_format"]},
                              "3":{"code":["value_is_mandatory"]},
                              "events":["too_many_events"]}}
            """);

        var outcome = await Client().PostEventsAsync([Event(0), Event(1), Event(2), Event(3)], CancellationToken.None);

        var rejected = Assert.IsType<LagoBatchOutcome.Rejected>(outcome);
        Assert.False(rejected.AllAlreadyExist);
        Assert.Equal([0, 1, 3], rejected.EventErrors.Keys);
        Assert.True(rejected.IsAlreadyExisting(0));
        Assert.False(rejected.IsAlreadyExisting(1));
        Assert.Equal(["invalid_format"], rejected.EventErrors[1]["timestamp"]);
        Assert.Equal(["value_is_mandatory"], rejected.EventErrors[3]["code"]);
        Assert.Equal(["too_many_events"], rejected.OtherErrors["events"]);
    }

    [Fact]
    public async Task Answer_422_that_is_not_lago_json_is_rejected_without_details()
    {
        _handler.Reply(HttpStatusCode.UnprocessableEntity, "<html>422</html>");

        var outcome = await Client().PostEventsAsync([Event()], CancellationToken.None);

        var rejected = Assert.IsType<LagoBatchOutcome.Rejected>(outcome);
        Assert.False(rejected.AllAlreadyExist);
        Assert.Empty(rejected.EventErrors);
    }

    [Fact]
    public async Task Answer_429_waits_the_retry_after_seconds()
    {
        _handler.Reply(HttpStatusCode.TooManyRequests, headers: r => r.Headers.Add("Retry-After", "7"));

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(7)), failure);
    }

    [Fact]
    public async Task Answer_429_waits_until_the_retry_after_date_on_the_injected_clock()
    {
        _handler.Reply(HttpStatusCode.TooManyRequests, headers: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(90)));

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(90)), failure);
    }

    [Fact]
    public async Task Answer_429_waits_the_seconds_until_the_rate_limit_window_resets()
    {
        _handler.Reply(HttpStatusCode.TooManyRequests, headers: r => r.Headers.Add("X-RateLimit-Reset", "12"));

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(12)), failure);
    }

    [Theory]
    [InlineData("5", "12", 12)]
    [InlineData("20", "3", 20)]
    [InlineData("86400", null, 3600)]
    [InlineData(null, "1716200000", 3600)]
    public async Task Answer_429_waits_the_longer_of_both_headers_and_at_most_an_hour(string? retryAfter, string? reset, int seconds)
    {
        _handler.Reply(HttpStatusCode.TooManyRequests, headers: r =>
        {
            if (retryAfter is not null) r.Headers.Add("Retry-After", retryAfter);
            if (reset is not null) r.Headers.Add("X-RateLimit-Reset", reset);
        });

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(seconds)), failure);
    }

    [Fact]
    public async Task Answer_429_without_headers_waits_one_second()
    {
        _handler.Reply(HttpStatusCode.TooManyRequests, """{"status":429,"error":"Too Many Requests"}""");

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Throttled(TimeSpan.FromSeconds(1)), failure);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Answer_5xx_is_unavailable_with_the_status(HttpStatusCode status)
    {
        _handler.Reply(status, "<html>oops</html>");

        var failure = await FailureOfPostAsync();

        var unavailable = Assert.IsType<LagoFailure.Unavailable>(failure);
        Assert.StartsWith($"Lago answered {(int)status}", unavailable.Reason);
    }

    [Fact]
    public async Task No_answer_within_the_request_timeout_is_unavailable()
    {
        _handler.Hang();

        var posting = Client().PostEventsAsync([Event()], CancellationToken.None);
        await _handler.Hanging;
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(posting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await posting;

        var failed = Assert.IsType<LagoBatchOutcome.Failed>(outcome);
        Assert.Equal(new LagoFailure.Unavailable("no answer within 30 s"), failed.Failure);
    }

    [Fact]
    public async Task Caller_cancellation_throws_instead_of_becoming_an_outcome()
    {
        _handler.Hang();
        using var caller = new CancellationTokenSource();

        var posting = Client().PostEventsAsync([Event()], caller.Token);
        await _handler.Hanging;
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posting);
    }

    [Fact]
    public async Task Connection_failure_is_unavailable()
    {
        _handler.Fail(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (lago.example:443)"));

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Unavailable("cannot reach Lago (ConnectionError): Connection refused (lago.example:443)"), failure);
    }

    [Fact]
    public async Task Answer_401_is_refused_with_lagos_error_and_no_key_in_it()
    {
        _handler.Reply(HttpStatusCode.Unauthorized, """{"status":401,"error":"Unauthorized"}""");

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Refused(401, "Unauthorized"), failure);
        Assert.DoesNotContain(Key, failure.ToString());
    }

    [Fact]
    public async Task Answer_403_is_refused_with_lagos_code()
    {
        _handler.Reply(HttpStatusCode.Forbidden, """{"status":403,"error":"Forbidden","code":"write_action_not_allowed_for_event"}""");

        var failure = await FailureOfPostAsync();

        Assert.Equal(new LagoFailure.Refused(403, "Forbidden", "write_action_not_allowed_for_event"), failure);
    }
}
