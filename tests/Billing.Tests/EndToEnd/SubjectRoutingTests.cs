using System.Net;
using System.Text;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

/// <summary>
/// Which GET a target under <c>/api/accounts</c> is: a raw <c>/usage</c> or <c>/events</c> at the end names the
/// sub-resource; a subject id that itself ends so is sent percent-encoded; nothing after the prefix is the list.
/// </summary>
public sealed class SubjectRoutingTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private HttpClient Admin => App.ClientWithKey(TestKeys.Admin);

    [Theory]
    [InlineData("team:a/usage")]
    [InlineData("team:a/events")]
    public async Task A_subject_id_ending_in_a_sub_resource_name_is_reached_percent_encoded(string subject)
    {
        await (await Client.PutAccountAsync(subject, new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var account = await Client.AccountAsync(subject);
        var usage = await Client.UsageAsync(subject);
        var events = await (await Client.GetEventsAsync(subject)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(subject, account.GetProperty("subject").GetString());
        Assert.Equal(subject, usage.GetProperty("subject").GetString());
        Assert.Equal(subject, events.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_raw_usage_suffix_is_the_report_of_the_subject_before_it()
    {
        await (await Client.PutAccountAsync("team:a", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var usage = await (await Admin.GetAsync("/api/accounts/team:a/usage")).AssertJsonAsync(HttpStatusCode.OK);
        var events = await (await Admin.GetAsync("/api/accounts/team%3Aa/events?limit=1")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("team:a", usage.GetProperty("subject").GetString());
        Assert.Equal("team:a", events.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_raw_slash_elsewhere_stays_part_of_the_subject_id()
    {
        await (await Client.PutAccountAsync("team:a/b", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var account = await (await Admin.GetAsync("/api/accounts/team:a/b")).AssertJsonAsync(HttpStatusCode.OK);
        var usage = await (await Admin.GetAsync("/api/accounts/team:a/b/usage")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("team:a/b", account.GetProperty("subject").GetString());
        Assert.Equal("team:a/b", usage.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("/api/accounts/team:a/usage")]
    [InlineData("/api/accounts/team:a/events")]
    public async Task Usage_and_events_cannot_be_put(string path)
    {
        var response = await Admin.PutAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "path");
    }

    [Theory]
    [InlineData("/api/accounts")]
    [InlineData("/api/accounts/")]
    [InlineData("/api/accounts?limit=5")]
    public async Task Nothing_after_the_prefix_is_the_account_list(string path)
    {
        await (await Client.PutAccountAsync("team:a", new { owners = new[] { "ops@acme.example" } })).AssertJsonAsync(HttpStatusCode.OK);

        var page = await (await Admin.GetAsync(path)).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("team:a", Assert.Single(page.GetProperty("accounts").EnumerateArray()).GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("/api/accounts/acme/usage")]
    [InlineData("/api/accounts//events")]
    public async Task A_bad_subject_before_a_sub_resource_is_named(string path)
    {
        await (await Admin.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest, "subject");
    }
}
