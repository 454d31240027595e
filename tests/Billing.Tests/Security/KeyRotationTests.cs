using System.Net;
using System.Net.Http.Json;
using System.Text;
using Billing.Functions.Auth;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Security;

/// <summary>
/// Each key setting takes one key or a comma-separated list, so a class has two valid keys while clients move from
/// the old one to the new one (README, Key rotation).
/// </summary>
public sealed class KeyRotationTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Rotating() => new()
    {
        ["Auth:IngestKey"] = $"{TestKeys.Ingest}, {TestKeys.IngestRotated}",
        ["Auth:AdminKey"] = $"{TestKeys.Admin},{TestKeys.AdminRotated}",
    };

    [Theory]
    [InlineData("ingest", TestKeys.Ingest)]
    [InlineData("ingest", TestKeys.IngestRotated)]
    [InlineData("check", TestKeys.Check)]
    [InlineData("check", TestKeys.CheckRotated)]
    [InlineData("admin", TestKeys.Admin)]
    [InlineData("admin", TestKeys.AdminRotated)]
    public async Task Both_keys_of_a_rotating_class_open_its_routes(string scope, string key)
    {
        await using var app = new BillingApp(azurite, Now, Rotating());

        var response = await CallAsync(app.ClientWithKey(key), scope);

        Assert.True(response.IsSuccessStatusCode, $"{scope} with one of its keys: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("ingest", TestKeys.IngestRotated)]
    [InlineData("admin", TestKeys.AdminRotated)]
    public async Task A_key_removed_from_the_list_no_longer_opens_its_routes(string scope, string key)
    {
        await using var app = new BillingApp(azurite, Now);

        var response = await CallAsync(app.ClientWithKey(key), scope);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [Theory]
    [InlineData("ingest", TestKeys.Ingest)]
    [InlineData("admin", TestKeys.Admin)]
    public async Task A_single_key_setting_still_works(string scope, string key)
    {
        await using var app = new BillingApp(azurite, Now);

        var response = await CallAsync(app.ClientWithKey(key), scope);

        Assert.True(response.IsSuccessStatusCode, $"{scope} with its single key: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("Auth:AdminKey", TestKeys.Admin + "," + TestKeys.Ingest, "Auth:AdminKey (entry 2)")]
    [InlineData("Auth:CheckKeys", TestKeys.Check + "," + TestKeys.Admin, "Auth:CheckKeys (entry 2)")]
    [InlineData("Auth:IngestKey", TestKeys.Ingest + "," + TestKeys.Ingest, "Auth:IngestKey (entry 2)")]
    [InlineData("Auth:AdminKey", TestKeys.Admin + ",too-short-key", "Auth:AdminKey (entry 2) must be at least 16 characters")]
    public void A_repeated_or_short_key_fails_start_up_naming_the_setting_without_the_key(string setting, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:IngestKey"] = TestKeys.Ingest, ["Auth:CheckKeys"] = TestKeys.Check, ["Auth:AdminKey"] = TestKeys.Admin, [setting] = value,
        };

        var message = StartupValidation.FailureOf(settings, services => services.AddBillingAuth());

        Assert.NotNull(message);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.All(TestKeys.All.Append("too-short-key"), key => Assert.DoesNotContain(key, message, StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string scope) => scope switch
    {
        "ingest" => client.PostAsync("/api/usage", new StringContent(Samples.Read("01-chat-success.json"), Encoding.UTF8, "application/json")),
        "check" => client.PostAsJsonAsync("/api/check", new { subjects = new { team = "team-rotation" }, model = "gpt-4o", estimated_cost = 0.01m }),
        "admin" => client.GetAsync("/api/prices"),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };
}
