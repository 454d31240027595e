using System.Net;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;
using static Billing.Tests.Lago.LagoCalls;

namespace Billing.Tests.Lago;

/// <summary>Faults injected into the Lago stand-in reach a plain HTTP client as a real Lago's would, through Prism.</summary>
public sealed class LagoStandInFaultTests
{
    private const string Wallets = "/api/v1/wallets?external_customer_id=app-42";
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Too_many_requests_reaches_the_client_with_its_headers_and_stores_nothing()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        lago.FailNext(1, LagoFault.TooManyRequests(retryAfterSeconds: 7, resetSeconds: 9));

        var response = await client.PostBatchAsync(Event("t1"));

        var body = await response.AssertJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("9", Assert.Single(response.Headers.GetValues("X-RateLimit-Reset")));
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Empty(lago.Events);
        Assert.Empty(lago.RequestViolations); // The request was valid; only the answer's status is not in the spec.
        Assert.True(lago.Requests.Single().ReachedStandIn);
    }

    [Fact]
    public async Task Server_error_reaches_the_client_and_the_next_request_succeeds()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        lago.FailNext(1, LagoFault.ServerError);

        var failed = await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.InternalServerError);
        await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("""{"status":500,"error":"Internal Server Error"}""", failed.GetRawText());
        Assert.Equal(["t1"], lago.Events.Select(e => e.TransactionId));
        Assert.Equal(1, lago.CountRequests("/api/v1/events/batch", 500));
    }

    [Fact]
    public async Task Hang_times_the_client_out_and_stores_nothing()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago, timeout: ClientTimeout);
        lago.FailNext(1, LagoFault.Hang);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostBatchAsync(Event("t1")));

        Assert.Empty(lago.Events);
        Assert.Null(lago.Requests.Single().Status);
    }

    [Fact]
    public async Task Store_then_hang_stores_the_batch_and_a_resend_is_a_duplicate()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago, timeout: ClientTimeout);
        lago.FailNext(1, LagoFault.StoreThenHang);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.PostBatchAsync(Event("t1")));
        var resend = await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["t1"], lago.Events.Select(e => e.TransactionId));
        Assert.Equal("""{"0":{"transaction_id":["value_already_exist"]}}""", resend.GetProperty("error_details").GetRawText());
    }

    [Fact]
    public async Task Down_for_the_next_request_resets_its_connection()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        await (await client.PostBatchAsync(Event("t0"))).AssertJsonAsync(HttpStatusCode.OK); // A pooled connection to reset.
        lago.FailNext(1, LagoFault.Down);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostBatchAsync(Event("t1")));
        await (await client.PostBatchAsync(Event("t2"))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["t0", "t2"], lago.Events.Select(e => e.TransactionId));
        Assert.Equal(3, lago.Requests.Count); // The client did not resend the reset request by itself.
    }

    [Fact]
    public async Task Down_for_the_next_read_resets_its_connection()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        lago.AddCustomer("app-42");
        await (await client.GetAsync(Wallets)).AssertJsonAsync(HttpStatusCode.OK); // A pooled connection to reset.
        lago.FailNext(1, LagoFault.Down);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Wallets));
        await (await client.GetAsync(Wallets)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal([200, null, 200], lago.Requests.Select(r => r.Status)); // The client did not resend the reset request by itself.
    }

    [Fact]
    public async Task Down_until_recovered_refuses_connections()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        await lago.FailAlwaysAsync(LagoFault.Down);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostBatchAsync(Event("t1")));
        await lago.RecoverAsync();
        await (await client.PostBatchAsync(Event("t1"))).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, (refused.InnerException as System.Net.Sockets.SocketException)?.SocketErrorCode);
        Assert.Single(lago.Requests);
    }

    [Fact]
    public async Task Persistent_fault_applies_to_every_request_until_recovered()
    {
        await using var lago = await LagoStandIn.StartAsync(Key);
        using var client = Client(lago);
        await lago.FailAlwaysAsync(LagoFault.ServerError);

        var statuses = new[] { (await client.PostBatchAsync(Event("t1"))).StatusCode, (await client.PostBatchAsync(Event("t1"))).StatusCode };
        await lago.RecoverAsync();

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.PostBatchAsync(Event("t1"))).StatusCode);
    }
}
