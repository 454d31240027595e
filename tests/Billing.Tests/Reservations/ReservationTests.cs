using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Reservations;

/// <summary>Reserving checks: holds count as used until their usage settles them, a release, or expiry; never overshoot.</summary>
public sealed class ReservationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private const string Team = "team:acme";
    private readonly string _tables = TestNames.TablePrefix();
    private readonly List<BillingApp> _apps = [];
    private BillingApp _app = null!;
    private BillingClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = Start();
        _client = new BillingClient(_app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
    }

    private BillingApp Start()
    {
        var app = new BillingApp(azurite, Now, new() { ["Storage:TablePrefix"] = _tables, ["Check:Cache:Window"] = "00:00:00" });
        _apps.Add(app);
        return app;
    }

    private async Task BudgetAsync(decimal limit, string mode = "hard", object? extra = null) =>
        await (await _client.PutAccountAsync(Team, new
        {
            owners = new[] { "ops@acme.example" },
            budgets = new[] { new { name = "daily", period = "daily", limit, mode } },
        })).AssertJsonAsync(HttpStatusCode.OK);

    private static async Task<JsonElement> CheckAsync(BillingClient client, decimal cost, bool reserve = true, string? id = null) =>
        await (await client.CheckAsync(new Dictionary<string, object?>
        {
            ["subjects"] = new Dictionary<string, string> { ["team"] = "acme" },
            ["estimated_cost"] = cost,
            ["reserve"] = reserve ? true : null,
            ["reservation_id"] = id,
        }.Where(p => p.Value is not null).ToDictionary())).AssertJsonAsync(HttpStatusCode.OK);

    private Task<JsonElement> CheckAsync(decimal cost, bool reserve = true, string? id = null) => CheckAsync(_client, cost, reserve, id);

    private Task ApplyAsync(params UsageEvent[] events) => _app.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, CancellationToken.None);

    private static UsageEvent Usage(string id, decimal cost, string? reservation = null) =>
        new UsageEventBuilder().WithId(id).WithCost(cost).At(Now.AddMinutes(-1)).For(new SubjectId(SubjectKind.Team, "acme")).Build() with { ReservationId = reservation };

    private static decimal Used(JsonElement check) => check.GetProperty("subjects")[0].GetProperty("windows")[0].GetProperty("used").GetDecimal();

    [Fact]
    public async Task A_hold_counts_as_used_for_every_other_check_until_the_budget_has_no_room()
    {
        await BudgetAsync(1m);

        var first = await CheckAsync(0.4m);
        var second = await CheckAsync(0.4m);
        var third = await CheckAsync(0.4m);
        var plain = await CheckAsync(0.3m, reserve: false);

        Assert.True(first.GetProperty("allowed").GetBoolean());
        Assert.StartsWith("res_", first.GetProperty("reservation_id").GetString());
        Assert.Equal(Now.AddMinutes(10), first.GetProperty("expires_at").GetDateTimeOffset());
        Assert.True(second.GetProperty("allowed").GetBoolean());
        Assert.False(third.GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, third.GetProperty("reservation_id").ValueKind);
        Assert.False(plain.GetProperty("allowed").GetBoolean());
        Assert.Equal(0.8m, Used(plain));
        Assert.Equal(0.8m, plain.GetProperty("subjects")[0].GetProperty("windows")[0].GetProperty("held").GetDecimal());
    }

    [Fact]
    public async Task Usage_naming_the_call_id_settles_its_hold_in_the_same_transaction_once()
    {
        await BudgetAsync(1m);
        await CheckAsync(0.5m, id: "call-1");

        await ApplyAsync(Usage("call-1", 0.35m));
        await ApplyAsync(Usage("call-1", 0.35m));

        var after = await CheckAsync(0.1m, reserve: false);
        Assert.Equal(0.35m, Used(after));
    }

    [Fact]
    public async Task Usage_naming_the_reservation_in_its_metadata_settles_it_and_a_second_match_changes_nothing()
    {
        await BudgetAsync(1m);
        var id = (await CheckAsync(0.5m)).GetProperty("reservation_id").GetString()!;

        await ApplyAsync(Usage("chatcmpl-1", 0.2m, reservation: id));
        await ApplyAsync(Usage("chatcmpl-2", 0.1m, reservation: id));

        Assert.Equal(0.3m, Used(await CheckAsync(0.1m, reserve: false)));
    }

    [Fact]
    public async Task An_unmatched_event_applies_as_before_and_leaves_the_holds_alone()
    {
        await BudgetAsync(1m);
        await CheckAsync(0.5m);

        await ApplyAsync(Usage("other", 0.2m));

        Assert.Equal(0.7m, Used(await CheckAsync(0.1m, reserve: false)));
    }

    [Fact]
    public async Task A_released_reservation_stops_counting_and_cannot_be_released_twice()
    {
        await BudgetAsync(1m);
        var id = (await CheckAsync(0.9m)).GetProperty("reservation_id").GetString()!;
        var check = _app.ClientWithKey(TestKeys.Check);

        var released = await check.DeleteAsync($"/api/reservations/{id}");
        var again = await check.DeleteAsync($"/api/reservations/{id}");

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "id");
        Assert.Equal(0m, Used(await CheckAsync(0.1m, reserve: false)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.ClientWithKey(TestKeys.Ingest).DeleteAsync($"/api/reservations/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_instance_releases_a_hold_it_did_not_place_and_the_id_names_its_subjects()
    {
        await BudgetAsync(1m);
        var other = Start();
        var id = (await CheckAsync(0.9m)).GetProperty("reservation_id").GetString()!;

        var released = await other.ClientWithKey(TestKeys.Check).DeleteAsync($"/api/reservations/{Uri.EscapeDataString(id)}");
        var ownId = await CheckAsync(0.05m, id: "call-9");
        var notMade = await other.ClientWithKey(TestKeys.Check).DeleteAsync("/api/reservations/call-9");

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.True(ownId.GetProperty("allowed").GetBoolean());
        await notMade.AssertProblemAsync(HttpStatusCode.NotFound, "id");
        Assert.Equal(0.05m, Used(await CheckAsync(0m, reserve: false)));
    }

    [Fact]
    public async Task An_expired_hold_stops_counting_at_once_without_any_timer()
    {
        await BudgetAsync(1m);
        await CheckAsync(0.9m);
        Assert.False((await CheckAsync(0.5m, reserve: false)).GetProperty("allowed").GetBoolean());

        _app.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.True((await CheckAsync(0.5m, reserve: false)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_retried_reservation_id_holds_once()
    {
        await BudgetAsync(1m);

        var first = await CheckAsync(0.3m, id: "call-7");
        var retry = await CheckAsync(0.3m, id: "call-7");

        Assert.Equal("call-7", retry.GetProperty("reservation_id").GetString());
        Assert.Equal(0.3m, Used(await CheckAsync(0m, reserve: false)));
        Assert.True(first.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task The_payer_s_credits_are_held_too()
    {
        await (await _client.PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" }, billing_mode = "prepaid" })).AssertJsonAsync(HttpStatusCode.OK);
        await (await _app.ClientWithKey(TestKeys.Admin).PostAsJsonAsync(BillingClient.AccountPath(Team) + "/credits", new { grant_id = "g", amount = 1m })).AssertJsonAsync(HttpStatusCode.Created);

        var first = await CheckAsync(0.6m);
        var second = await CheckAsync(0.6m);

        Assert.True(first.GetProperty("allowed").GetBoolean());
        Assert.False(second.GetProperty("allowed").GetBoolean());
        Assert.Equal("team:acme", second.GetProperty("denied_by").GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Sixty_four_concurrent_reserving_checks_on_two_instances_never_overshoot()
    {
        await BudgetAsync(1m);
        var other = new BillingClient(Start());
        const decimal estimate = 0.03m;

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => CheckAsync(i % 2 == 0 ? _client : other, estimate)));

        var allowed = answers.Count(a => a.GetProperty("allowed").GetBoolean());
        Assert.Equal((int)decimal.Floor(1m / estimate), allowed);
        var held = Used(await CheckAsync(0m, reserve: false));
        Assert.Equal(allowed * estimate, held);
        Assert.True(held <= 1m);
        Assert.Equal(allowed, answers.Select(a => a.GetProperty("reservation_id").GetString()).Where(id => id is not null).Distinct().Count());
    }

    [Fact]
    public async Task Past_the_cap_of_holds_in_flight_a_reservation_is_denied_with_a_reason_not_an_error()
    {
        await using var capped = new BillingApp(azurite, Now, new() { ["Storage:TablePrefix"] = _tables, ["Check:Reservations:MaxHoldsPerSubject"] = "3" });
        var client = new BillingClient(capped);
        await BudgetAsync(100m);

        var answers = new List<JsonElement>();
        for (var i = 0; i < 4; i++) answers.Add(await CheckAsync(client, 0.01m));

        Assert.Equal([true, true, true, false], answers.Select(a => a.GetProperty("allowed").GetBoolean()));
        Assert.Contains("reservations in flight", answers[3].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_reservation_id_without_reserve_is_a_problem()
    {
        var response = await _client.CheckAsync(new { subjects = new { team = "acme" }, reservation_id = "x" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "reservation_id");
    }
}
