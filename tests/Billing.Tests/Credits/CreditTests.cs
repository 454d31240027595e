using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Credits;

/// <summary>Prepaid credits end to end: grants, one payer per event, the check, suspension, expiry, voids and the ledger.</summary>
public sealed class CreditTests(AzuriteFixture fixture) : AppTest(fixture)
{
    private readonly AzuriteFixture _azurite = fixture;

    private const string Team = "team:team-acme";
    private static readonly string Key = "key:" + EndToEnd.SampleLedgerTests.KeyHash;

    private HttpClient Admin => App.ClientWithKey(TestKeys.Admin);

    private Task<HttpResponseMessage> GrantAsync(string subject, object grant) => Admin.PostAsJsonAsync(BillingClient.AccountPath(subject) + "/credits", grant);

    private async Task<JsonElement> CreditsAsync(string subject) =>
        await (await Admin.GetAsync(BillingClient.AccountPath(subject) + "/credits")).AssertJsonAsync(HttpStatusCode.OK);

    private async Task<JsonElement> EntriesAsync(string subject) =>
        (await (await Admin.GetAsync(BillingClient.AccountPath(subject) + "/credits/entries?limit=100")).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("entries");

    private Task PrepaidAsync(string subject, decimal suspendBelow = 0m) =>
        Client.PutAccountAsync(subject, new { owners = new[] { "ops@acme.example" }, billing_mode = "prepaid", suspend_below = suspendBelow });

    private async Task IngestSampleAsync()
    {
        await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();
    }

    [Fact]
    public async Task A_grant_posted_twice_is_one_grant_and_another_body_under_its_id_is_a_conflict()
    {
        await PrepaidAsync(Team);

        var first = await GrantAsync(Team, new { grant_id = "topup-1", amount = 25m, priority = 1, reason = "top-up" });
        var again = await GrantAsync(Team, new { grant_id = "topup-1", amount = 25m, priority = 1, reason = "top-up" });
        var other = await GrantAsync(Team, new { grant_id = "topup-1", amount = 30m, priority = 1, reason = "top-up" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(25m, (await again.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("balance").GetDecimal());
        await other.AssertProblemAsync(HttpStatusCode.Conflict, "grant_id");
        Assert.Single((await CreditsAsync(Team)).GetProperty("grants").EnumerateArray());
    }

    [Fact]
    public async Task Only_the_payer_s_credits_burn_and_exactly_once_under_duplicate_delivery()
    {
        await PrepaidAsync(Team);
        await PrepaidAsync(Key);
        await GrantAsync(Team, new { grant_id = "t", amount = 1m });
        await GrantAsync(Key, new { grant_id = "k", amount = 1m });

        await IngestSampleAsync();
        await IngestSampleAsync();

        Assert.Equal(0.9935m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
        Assert.Equal(1m, (await CreditsAsync(Key)).GetProperty("balance").GetDecimal());
        var burn = Assert.Single((await EntriesAsync(Team)).EnumerateArray(), e => e.GetProperty("kind").GetString() == "burn");
        Assert.Equal(0.0065m, burn.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_payer_order_is_configurable()
    {
        await using var app = new BillingApp(_azurite, Now, new() { ["Billing:PayerOrder"] = "key,team" });
        var client = new BillingClient(app);
        var admin = app.ClientWithKey(TestKeys.Admin);
        foreach (var subject in new[] { Team, Key })
        {
            await client.PutAccountAsync(subject, new { billing_mode = "prepaid" });
            await admin.PostAsJsonAsync(BillingClient.AccountPath(subject) + "/credits", new { grant_id = "g", amount = 1m });
        }

        await (await client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await app.DrainUsageQueueAsync();

        var key = await (await admin.GetAsync(BillingClient.AccountPath(Key) + "/credits")).AssertJsonAsync(HttpStatusCode.OK);
        var team = await (await admin.GetAsync(BillingClient.AccountPath(Team) + "/credits")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0.9935m, key.GetProperty("balance").GetDecimal());
        Assert.Equal(1m, team.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_check_denies_a_payer_whose_balance_does_not_cover_the_estimate()
    {
        await PrepaidAsync(Team);
        await GrantAsync(Team, new { grant_id = "g", amount = 0.01m });

        var covered = await (await Client.CheckAsync(new { subjects = new { team = "team-acme", key = "k1" }, estimated_cost = 0.01m })).AssertJsonAsync(HttpStatusCode.OK);
        var short_ = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, estimated_cost = 0.010000001m })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.True(covered.GetProperty("allowed").GetBoolean());
        Assert.Equal("team:team-acme", covered.GetProperty("payer").GetProperty("subject").GetString());
        Assert.False(short_.GetProperty("allowed").GetBoolean());
        Assert.Contains("does not cover", short_.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Below_suspend_below_the_account_is_suspended_and_a_top_up_reactivates_it_at_once()
    {
        await PrepaidAsync(Team, suspendBelow: 0.5m);
        await GrantAsync(Team, new { grant_id = "small", amount = 0.4m });

        var suspended = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" } })).AssertJsonAsync(HttpStatusCode.OK);
        await GrantAsync(Team, new { grant_id = "topup", amount = 1m });
        var active = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" } })).AssertJsonAsync(HttpStatusCode.OK);

        Assert.False(suspended.GetProperty("allowed").GetBoolean());
        Assert.Contains("suspended", suspended.GetProperty("reason").GetString());
        Assert.True(active.GetProperty("allowed").GetBoolean());
        Assert.Equal("active", (await CreditsAsync(Team)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_expired_grant_stops_counting_before_the_timer_and_the_timer_records_the_expiry()
    {
        await PrepaidAsync(Team);
        await GrantAsync(Team, new { grant_id = "short", amount = 5m, expires_at = Now.AddHours(1) });
        await GrantAsync(Team, new { grant_id = "long", amount = 1m });

        App.Time.Advance(TimeSpan.FromHours(2));
        var late = await CreditsAsync(Team);
        var check = await (await Client.CheckAsync(new { subjects = new { team = "team-acme" }, estimated_cost = 2m })).AssertJsonAsync(HttpStatusCode.OK);
        await Client.RunTimerAsync("BudgetRollover");

        Assert.Equal(1m, late.GetProperty("balance").GetDecimal());
        Assert.False(check.GetProperty("allowed").GetBoolean());
        var expiry = Assert.Single((await EntriesAsync(Team)).EnumerateArray(), e => e.GetProperty("kind").GetString() == "expiry");
        Assert.Equal(5m, expiry.GetProperty("amount").GetDecimal());
        Assert.Equal(1m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_balance_equals_grants_minus_burns_expiries_and_voids_over_the_entries()
    {
        await PrepaidAsync(Team);
        await GrantAsync(Team, new { grant_id = "a", amount = 0.004m, priority = 0 });
        await GrantAsync(Team, new { grant_id = "b", amount = 2m });
        await GrantAsync(Team, new { grant_id = "c", amount = 3m });
        await IngestSampleAsync();

        var voided = await Admin.DeleteAsync(BillingClient.AccountPath(Team) + "/credits/c");

        await voided.AssertJsonAsync(HttpStatusCode.OK);
        var credits = await CreditsAsync(Team);
        var entries = (await EntriesAsync(Team)).EnumerateArray().ToList();
        var sum = entries.Sum(e => e.GetProperty("kind").GetString() == "grant" ? e.GetProperty("amount").GetDecimal() : -e.GetProperty("amount").GetDecimal());
        Assert.Equal(credits.GetProperty("balance").GetDecimal(), sum);
        Assert.Equal(1.9975m, sum);
        Assert.Equal(["a", "b"], entries.Where(e => e.GetProperty("kind").GetString() == "burn").Select(e => e.GetProperty("grant_id").GetString()).Order());
        Assert.Equal("voided", credits.GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("grant_id").GetString() == "c").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"amount\":5}", "grant_id")]
    [InlineData("{\"grant_id\":\"g\"}", "amount")]
    [InlineData("{\"grant_id\":\"g\",\"amount\":-1}", "amount")]
    [InlineData("{\"grant_id\":\"g\",\"amount\":0.0000000001}", "amount")]
    [InlineData("{\"grant_id\":\"g\",\"amount\":1,\"expires_at\":\"2020-01-01T00:00:00Z\"}", "expires_at")]
    [InlineData("{\"grant_id\":\"g\",\"amount\":1,\"priority\":-1}", "priority")]
    [InlineData("{\"grant_id\":\"a b\",\"amount\":1}", "grant_id")]
    public async Task A_bad_grant_names_the_field(string body, string field)
    {
        await PrepaidAsync(Team);

        var response = await Admin.PostAsync(BillingClient.AccountPath(Team) + "/credits", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Credits_of_a_subject_without_an_account_are_not_found_and_need_the_admin_key()
    {
        await (await GrantAsync("team:nobody", new { grant_id = "g", amount = 1m })).AssertProblemAsync(HttpStatusCode.NotFound, "subject");
        await (await Admin.DeleteAsync(BillingClient.AccountPath(Team) + "/credits/none")).AssertProblemAsync(HttpStatusCode.NotFound, "grant_id");
        var unauthorized = await App.ClientWithKey(TestKeys.Check).GetAsync(BillingClient.AccountPath(Team) + "/credits");
        await unauthorized.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [Fact]
    public async Task An_account_switched_to_prepaid_after_its_state_was_cached_pays_from_the_next_event_on()
    {
        var writer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Billing.Functions.Storage.LedgerWriter>(App.Services);
        var team = new Billing.Domain.Subjects.SubjectId(Billing.Domain.Subjects.SubjectKind.Team, "team-acme");
        await Client.PutAccountAsync(Team, new { owners = new[] { "ops@acme.example" } });
        await writer.ApplyAsync([new UsageEventBuilder().For(team).WithCost(1m).At(Now).Build()], default);

        await PrepaidAsync(Team);
        await GrantAsync(Team, new { grant_id = "g", amount = 5m });
        await writer.ApplyAsync([new UsageEventBuilder().For(team).WithCost(2m).At(Now).Build()], default);

        Assert.Equal(3m, (await CreditsAsync(Team)).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_grant_expiring_as_a_window_closes_is_handled_in_one_rollover_run()
    {
        await Client.PutAccountAsync(Team, new { billing_mode = "prepaid", budgets = new[] { new { name = "daily", period = "daily", limit = 10m } } });
        await GrantAsync(Team, new { grant_id = "g", amount = 5m, expires_at = new DateTimeOffset(2026, 11, 23, 0, 3, 0, TimeSpan.Zero) });
        App.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 0, 10, 0, TimeSpan.Zero));

        var first = await Client.RunTimerAsync("BudgetRollover");
        var second = await Client.RunTimerAsync("BudgetRollover");

        Assert.Equal(0, first.GetProperty("failed").GetInt32());
        Assert.Equal(0, second.GetProperty("due").GetInt32());
        Assert.Single((await EntriesAsync(Team)).EnumerateArray(), e => e.GetProperty("kind").GetString() == "expiry");
    }

    [Fact]
    public async Task A_window_named_credits_can_be_reset()
    {
        await Client.PutAccountAsync(Team, new { budgets = new[] { new { name = "credits", period = "daily", limit = 10m } } });

        var reset = await Admin.PostAsync(BillingClient.AccountPath(Team) + "/budgets/credits/reset", content: null);

        await reset.AssertJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_account_shows_its_billing_mode_and_suspend_threshold()
    {
        await PrepaidAsync(Team, suspendBelow: 2.5m);

        var account = await Client.AccountAsync(Team);

        Assert.Equal(("prepaid", 2.5m), (account.GetProperty("billing_mode").GetString(), account.GetProperty("suspend_below").GetDecimal()));
    }

    [Fact]
    public async Task A_bad_billing_mode_names_the_field()
    {
        var response = await Client.PutAccountAsync(Team, new { billing_mode = "postpaid" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "billing_mode");
    }
}
