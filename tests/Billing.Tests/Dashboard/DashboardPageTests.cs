using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Functions.Dashboard;
using Billing.Functions.Storage;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Dashboard;

/// <summary>The owners' page over HTTP: who may open it, what it answers with, what it escapes and what one load costs.</summary>
public sealed class DashboardPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TableRequestCounter _counter = new();
    private BillingApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new BillingApp(azurite, Now, new() { ["Dashboard:SigningKey"] = TestKeys.DashboardSigning },
            services => services.AddSingleton(sp => new BillingTables(sp.GetRequiredService<IOptions<StorageOptions>>(), _counter.Options())));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private string Link(string subject, DateTimeOffset expires) =>
        new Uri(_app.Services.GetRequiredService<DashboardLinks>().Create("http://localhost", SubjectId(subject), expires).Url).PathAndQuery;

    private static Billing.Domain.Subjects.SubjectId SubjectId(string text) =>
        Billing.Domain.Subjects.SubjectId.TryParse(text, out var subject) ? subject : throw new ArgumentException(text);

    [Fact]
    public async Task The_admin_key_opens_any_page_and_no_key_gets_403()
    {
        var subject = await DashboardSeed.AccountAsync(_app, Now, "team-admin");
        var path = DashboardLinks.PathOf(SubjectId(subject));

        var admin = await _app.ClientWithKey(TestKeys.Admin).GetAsync(path);
        var anonymous = await _app.CreateClient().GetAsync(path);
        var otherKey = await _app.ClientWithKey(TestKeys.Ingest).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/html", admin.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal("text/html", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(subject, await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherKey.StatusCode);
    }

    [Fact]
    public async Task The_page_is_never_cached_sends_no_referrer_sets_no_cookie_and_runs_no_script()
    {
        var subject = await DashboardSeed.AccountAsync(_app, Now, "team-headers");

        var page = await _app.CreateClient().GetAsync(Link(subject, Now.AddDays(7)));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestKeys.DashboardSigning, html);
        Assert.DoesNotContain("sig=", html);
        Assert.Contains("<meta name=\"viewport\"", html);
    }

    [Fact]
    public async Task Subject_and_model_names_are_HTML_encoded()
    {
        const string team = "<b>x</b>&\"'/y";
        var subject = "team:" + team;
        await (await new BillingClient(_app).PutAccountAsync(subject, new { owners = new[] { "ops@acme.example" }, budgets = new[] { new { name = "daily", period = "daily", limit = 1m } } }))
            .AssertJsonAsync(HttpStatusCode.OK);
        var call = DashboardSeed.Call("xss-1", team, "<img src=x onerror=alert(1)>", "openai", 0.25m, Now.AddHours(-1), 100, 10);
        Assert.Equal(HttpStatusCode.Accepted, (await new BillingClient(_app).PostUsageAsync("[" + call.ToJsonString() + "]")).StatusCode);
        await _app.DrainUsageQueueAsync();

        var html = await (await _app.CreateClient().GetAsync(Link(subject, Now.AddDays(7)))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>x", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("team:&lt;b&gt;x&lt;/b&gt;&amp;&quot;&#x27;/y", html);
    }

    [Fact]
    public async Task A_page_load_costs_at_most_four_Table_operations_and_writes_nothing()
    {
        var subject = await DashboardSeed.AccountAsync(_app, Now, "team-cost");
        using var owner = _app.CreateClient();
        var link = Link(subject, Now.AddDays(7));
        await owner.GetAsync(link);
        var before = _counter.Snapshot();

        var page = await owner.GetAsync(link);

        var after = _counter.Snapshot();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // 1 point read (state row) + queries: roll-ups of 31 days, this period's alert markers, the newest credit entries.
        Assert.Equal((1L, 3L, 4L), (after.PointReads - before.PointReads, after.Queries - before.Queries, after.All - before.All));
        Assert.True(DashboardReader.MaxTableOperations >= after.All - before.All);
    }

    [Fact]
    public async Task An_unknown_subject_with_a_valid_link_is_a_plain_404()
    {
        var page = await _app.CreateClient().GetAsync(Link("team:nobody", Now.AddDays(1)));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_link_API_answers_a_signed_url_that_opens_the_page()
    {
        var subject = await DashboardSeed.AccountAsync(_app, Now, "team-link");
        using var admin = _app.ClientWithKey(TestKeys.Admin);

        var made = await admin.PostAsJsonAsync(BillingClient.AccountPath(subject) + "/dashboard-link", new { valid_for_seconds = 3600 });
        var body = await made.AssertJsonAsync(HttpStatusCode.OK);
        var url = new Uri(body.GetProperty("url").GetString()!);
        var tooLong = await admin.PostAsJsonAsync(BillingClient.AccountPath(subject) + "/dashboard-link", new { valid_for_seconds = 91 * 86400 });
        var unknown = await admin.PostAsync(BillingClient.AccountPath("team:nobody") + "/dashboard-link", null);

        Assert.Equal(Now.AddHours(1), body.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync(url.PathAndQuery)).StatusCode);
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "valid_for_seconds");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "subject");
    }

    [Fact]
    public async Task Without_a_signing_key_the_link_API_is_a_409_and_links_open_nothing()
    {
        await using var unsigned = new BillingApp(azurite, Now);
        var subject = await DashboardSeed.AccountAsync(unsigned, Now, "team-unsigned");

        var made = await unsigned.ClientWithKey(TestKeys.Admin).PostAsync(BillingClient.AccountPath(subject) + "/dashboard-link", null);
        var forged = await unsigned.CreateClient().GetAsync(Link(subject, Now.AddDays(1)));

        await made.AssertProblemAsync(HttpStatusCode.Conflict, "Dashboard:SigningKey");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unsigned.ClientWithKey(TestKeys.Admin).GetAsync(DashboardLinks.PathOf(SubjectId(subject)))).StatusCode);
    }
}
