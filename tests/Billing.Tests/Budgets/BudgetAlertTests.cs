using System.Net;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Budgets;

/// <summary>Alert emails over a real SMTP server: one per (account, window, period, threshold), never twice, never missed.</summary>
public sealed class BudgetAlertTests(AzuriteFixture azurite) : BudgetAppTest(azurite)
{
    private static readonly object WeeklyHalf = new
    {
        owners = new[] { "ops@acme.example", "cfo@acme.example" },
        time_zone = "Europe/Berlin",
        budgets = new[] { new { name = "weekly", period = "weekly", limit = 10m, alert_thresholds = new[] { 0.5m } } },
    };

    [Fact]
    public async Task Crossing_a_threshold_emails_the_owners_once_with_the_figures_in_both_parts()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 4m, Now.AddHours(-1)).Build(), Usage("team:acme", 1.5m, Now, "claude-3-5-sonnet").Build());

        var first = await RunAlertsAsync(App);
        var second = await RunAlertsAsync(App, onDemand: true);

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Sent);
        var email = Assert.Single(Smtp.Messages);
        Assert.Equal(["cfo@acme.example", "ops@acme.example"], email.To.Mailboxes.Select(m => m.Address).Order());
        Assert.Contains("team:acme", email.Subject);
        Assert.Contains("weekly", email.Subject);
        Assert.Contains("50%", email.Subject);
        foreach (var part in new[] { Text(email), Html(email) })
        {
            Assert.Contains("5.50", part);
            Assert.Contains("10.00", part);
            Assert.Contains("55.0%", part);
            Assert.Contains("gpt-4o", part);
            Assert.Contains("claude-3-5-sonnet", part);
            Assert.Contains("Europe/Berlin", part);
        }
        Assert.StartsWith("alert-", email.MessageId);
    }

    [Fact]
    public async Task Both_parts_link_the_owners_page_with_a_link_signed_for_seven_days_that_opens_it()
    {
        await PutAccountAsync("team:acme/ops", WeeklyHalf);
        await ApplyAsync(Usage("team:acme/ops", 6m, Now).Build());

        await RunAlertsAsync(App);

        var email = Assert.Single(Smtp.Messages);
        var link = System.Text.RegularExpressions.Regex.Match(Text(email), @"Details: (\S+)").Groups[1].Value;
        var expires = Now.AddDays(7).ToUnixTimeSeconds();
        Assert.StartsWith($"{PageUrl}/accounts/team%3Aacme%2Fops?exp={expires}&sig=", link);
        Assert.Contains($"href=\"{link}\"", WebUtility.HtmlDecode(Html(email)));
        using var owner = App.CreateClient();
        var page = await owner.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("team:acme/ops", await page.Content.ReadAsStringAsync());
        App.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Each_threshold_alerts_once_per_period_and_again_in_the_next_period()
    {
        await PutAccountAsync("team:acme", new
        {
            owners = new[] { "ops@acme.example" },
            budgets = new[] { new { name = "daily", period = "daily", limit = 10m, alert_thresholds = new object[] { 0.5m, 0.8m, new { amount = 9m } } } },
        });

        await ApplyAsync(Usage("team:acme", 6m, Now).Build());
        await RunAlertsAsync(App);
        await ApplyAsync(Usage("team:acme", 3.5m, Now).Build(), Usage("team:acme", 1m, Now).Build());
        await RunAlertsAsync(App);
        await ApplyAsync(Usage("team:acme", 6m, Now.AddDays(1)).Build());
        App.Time.Advance(TimeSpan.FromDays(1));
        await RunAlertsAsync(App);

        var subjects = Smtp.Messages.Select(m => m.Subject ?? "").ToList();
        Assert.Equal(4, subjects.Count);
        Assert.Single(subjects, s => s.Contains("9 USD"));
        Assert.Equal(2, subjects.Count(s => s.Contains("50%")));
        Assert.Single(subjects, s => s.Contains("80%"));
    }

    [Fact]
    public async Task While_smtp_is_down_the_alert_stays_pending_and_retries_with_backoff()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 6m, Now).Build());
        await Smtp.StopAsync();

        var down = await RunAlertsAsync(App);
        await Smtp.RestartAsync();
        var waiting = await RunAlertsAsync(App);
        App.Time.Advance(TimeSpan.FromMinutes(1));
        var retried = await RunAlertsAsync(App);

        Assert.Equal((1, 0), (down.Retrying, down.Sent));
        Assert.Equal((0, 0), (waiting.Due, waiting.Sent));
        Assert.Equal(1, retried.Sent);
        Assert.Single(Smtp.Messages);
    }

    [Fact]
    public async Task A_run_on_demand_sends_pending_alerts_without_waiting_out_the_backoff()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 6m, Now).Build());
        Smtp.RefuseMailFrom(451, "try again later");
        await RunAlertsAsync(App);
        Smtp.AcceptMail();

        var summary = await Client.RunTimerAsync("BudgetAlerts");

        Assert.Equal(1, summary.GetProperty("sent").GetInt32());
        Assert.Single(Smtp.Messages);
        var marker = Assert.Single(await MarkersAsync("team:acme"));
        Assert.Equal("sent", marker.GetString("Status"));
        Assert.Equal(1, marker.GetInt32("Attempts"));
    }

    [Fact]
    public async Task Two_instances_running_the_timer_at_once_send_each_alert_once()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await PutAccountAsync("team:beta", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 6m, Now).Build(), Usage("team:beta", 9m, Now).Build());
        var other = StartInstance();

        await Task.WhenAll(RunAlertsAsync(App), RunAlertsAsync(other), RunAlertsAsync(App, onDemand: true), RunAlertsAsync(other, onDemand: true));

        Assert.Equal(2, Smtp.Messages.Count);
        Assert.Equal(2, Smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task An_instance_that_died_after_the_ledger_write_leaves_the_alert_to_the_next_one()
    {
        var dying = StartInstance();
        await PutAccountAsync(new BillingClient(dying), "team:acme", WeeklyHalf);
        await ApplyAsync(dying, Usage("team:acme", 6m, Now).Build());
        await dying.DisposeAsync();

        var restarted = StartInstance(Now.AddMinutes(2));
        var summary = await RunAlertsAsync(restarted);

        Assert.Equal(1, summary.Sent);
        Assert.Single(Smtp.Messages);
    }

    [Fact]
    public async Task A_sender_that_died_mid_send_is_replaced_once_its_claim_expires()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 6m, Now).Build());
        var marker = Assert.Single(await MarkersAsync("team:acme"));
        marker["Status"] = AlertRow.Sending;
        marker["ClaimUntil"] = Now.AddMinutes(2);
        await App.Tables.Ledger.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Replace);

        var claimed = await RunAlertsAsync(App, onDemand: true);
        App.Time.Advance(TimeSpan.FromMinutes(3));
        var replaced = await RunAlertsAsync(App);

        Assert.Equal((0, 1), (claimed.Sent, claimed.Skipped));
        Assert.Equal(1, replaced.Sent);
        Assert.Single(Smtp.Messages);
    }

    [Fact]
    public async Task A_late_event_that_crosses_a_threshold_of_the_previous_day_still_alerts_for_that_day()
    {
        // The account exists since yesterday; yesterday's spend is 0.9 when today's first event moves the window on.
        await PutAccountAsync(new BillingClient(StartInstance(Now.AddDays(-1))), "team:acme", new
        {
            owners = new[] { "ops@acme.example" },
            budgets = new[] { new { name = "daily", period = "daily", limit = 1m, alert_thresholds = new[] { 1.0m } } },
        });
        await ApplyAsync(Usage("team:acme", 0.9m, Now.AddDays(-1)).Build(), Usage("team:acme", 0.1m, Now).Build());

        await ApplyAsync(Usage("team:acme", 0.2m, Now.AddDays(-1).AddHours(11)).Build());
        await RunAlertsAsync(App);

        var email = Assert.Single(Smtp.Messages);
        Assert.Contains("100%", email.Subject);
        Assert.Contains("1.10", Text(email));
        Assert.Contains("2026-11-21", Text(email));
    }

    [Fact]
    public async Task Lowering_a_limit_below_the_spend_alerts_at_once()
    {
        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "monthly", period = "monthly", limit = 100m } } });
        await ApplyAsync(Usage("team:acme", 9m, Now).Build());
        Assert.Equal(0, (await RunAlertsAsync(App)).Sent);

        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "monthly", period = "monthly", limit = 10m } } });
        var summary = await RunAlertsAsync(App);

        Assert.Equal(2, summary.Sent);
        Assert.Equal(["50%", "80%"], Smtp.Messages.Select(m => m.Subject?.Contains("50%") == true ? "50%" : "80%").Order());
    }

    [Fact]
    public async Task A_window_removed_and_added_again_in_the_same_period_does_not_alert_twice()
    {
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 6m, Now).Build());
        await RunAlertsAsync(App);

        await PutAccountAsync("team:acme", new { owners = new[] { "ops@acme.example" } });
        await PutAccountAsync("team:acme", WeeklyHalf);
        await ApplyAsync(Usage("team:acme", 1m, Now).Build());
        await RunAlertsAsync(App, onDemand: true);

        Assert.Single(Smtp.Messages);
        var weekly = (await Client.AccountAsync("team:acme")).GetProperty("budgets")[0];
        Assert.Equal(7m, weekly.GetProperty("used").GetDecimal());
        Assert.Equal("[\"50%\"]", weekly.GetProperty("thresholds_crossed").GetRawText());
    }

    [Fact]
    public async Task An_alert_without_owners_is_recorded_and_not_retried()
    {
        await PutAccountAsync("team:acme", new { budgets = new[] { new { name = "weekly", period = "weekly", limit = 1m, alert_thresholds = new[] { 0.5m } } } });
        await ApplyAsync(Usage("team:acme", 0.6m, Now).Build());

        var first = await RunAlertsAsync(App, onDemand: true);
        var second = await RunAlertsAsync(App, onDemand: true);

        Assert.Equal(1, first.NoRecipients);
        Assert.Equal(0, second.Due);
        Assert.Empty(Smtp.Messages);
        Assert.Equal(AlertRow.NoRecipients, Assert.Single(await MarkersAsync("team:acme")).GetString("Status"));
    }

    [Fact]
    public async Task Usage_posted_to_the_webhook_twice_alerts_once()
    {
        await PutAccountAsync("team:team-acme", new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "weekly", period = "weekly", limit = 0.01m } } });

        for (var i = 0; i < 2; i++)
        {
            await (await Client.PostUsageAsync(Samples.Read("01-chat-success.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
            await App.DrainUsageQueueAsync();
        }
        await Client.RunTimerAsync("BudgetAlerts");

        var email = Assert.Single(Smtp.Messages);
        Assert.Contains("50%", email.Subject);
        Assert.Contains("0.0065", Text(email));
    }

    private async Task<List<TableEntity>> MarkersAsync(string subject)
    {
        var partition = SubjectRow.PartitionKey(Billing.Domain.Subjects.SubjectId.TryParse(subject, out var s) ? s : default);
        return await App.Tables.Ledger.QueryAsync<TableEntity>(r => r.PartitionKey == partition && r.RowKey.CompareTo("a|") >= 0 && r.RowKey.CompareTo("a}") < 0).ToListAsync();
    }
}
