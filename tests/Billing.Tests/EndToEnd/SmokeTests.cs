using System.Net;
using System.Text;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

public sealed class SmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Posted_sample_is_applied_to_the_key_subject()
    {
        await using var app = new BillingApp(azurite, DateTimeOffset.FromUnixTimeSeconds(1795170227));
        var ingest = app.ClientWithKey(TestKeys.Ingest);
        var response = await ingest.PostAsync("/api/usage", new StringContent(Samples.Read("06-attribution-team-user-org-enduser.json"), Encoding.UTF8, "application/json"));
        var body = await response.AssertJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        await app.DrainUsageQueueAsync();
        var admin = app.ClientWithKey(TestKeys.Admin);
        var account = await (await admin.GetAsync("/api/accounts/team:team-acme-support")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0.00025395m, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }
}
