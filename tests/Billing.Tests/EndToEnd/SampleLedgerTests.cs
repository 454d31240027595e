using System.Net;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.EndToEnd;

/// <summary>The shared LiteLLM samples, posted over HTTP, drained through the queue, and read back to the nano.</summary>
public sealed class SampleLedgerTests(AzuriteFixture azurite) : AppTest(azurite)
{
    public const string KeyHash = "093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c";

    public static readonly string[] Usable =
    [
        "01-chat-success.json", "02-chat-streaming.json", "03-cache-hit.json", "04-embedding.json",
        "05-failure-rate-limit.json", "06-attribution-team-user-org-enduser.json", "07-key-hash-only.json",
        "08-reasoning-and-cached-prompt-tokens.json", "09-image-generation.json", "10-batch-json-array.json",
        "11-cost-unknown-unmapped-model.json", "12-odd-long-model-name.json", "15-proxy-budget-exceeded-failure.json",
    ];

    [Fact]
    public async Task Every_usable_sample_is_accepted_and_applied_to_the_nano()
    {
        foreach (var sample in Usable)
            await (await Client.PostUsageAsync(Samples.Read(sample))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var team = await Client.AccountAsync("team:team-acme");
        Assert.Equal(0.168660248m, team.GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(14, team.GetProperty("lifetime").GetProperty("requests").GetInt64());
        var key = await Client.AccountAsync("key:" + KeyHash);
        Assert.Equal(0.169168148m, key.GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(0.0005079m, (await Client.AccountAsync("end_user:acme-customer-90017")).GetProperty("lifetime").GetProperty("spent").GetDecimal());
        Assert.Equal(0.0000204m, (await Client.AccountAsync("key:99feba57485878ec5235be3c370f94a7d46e791b77bc01a960875179ba520ccb")).GetProperty("lifetime").GetProperty("spent").GetDecimal());
    }

    [Fact]
    public async Task Attribution_reaches_every_subject_of_the_event()
    {
        await (await Client.PostUsageAsync(Samples.Read("06-attribution-team-user-org-enduser.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        foreach (var subject in new[] { "team:team-acme-support", "user:user-alice@acme.example", "org:org-acme", "end_user:acme-customer-90017", "key:" + KeyHash })
        {
            var account = await Client.AccountAsync(subject);
            Assert.Equal(0.00025395m, account.GetProperty("lifetime").GetProperty("spent").GetDecimal());
            Assert.Equal(1057, account.GetProperty("lifetime").GetProperty("tokens").GetProperty("total").GetInt64());
        }
    }

    [Fact]
    public async Task Reasoning_and_cached_tokens_are_kept()
    {
        await (await Client.PostUsageAsync(Samples.Read("08-reasoning-and-cached-prompt-tokens.json"))).AssertJsonAsync(HttpStatusCode.Accepted);
        await App.DrainUsageQueueAsync();

        var tokens = (await Client.AccountAsync("team:team-acme")).GetProperty("lifetime").GetProperty("tokens");
        Assert.Equal(18250, tokens.GetProperty("prompt").GetInt64());
        Assert.Equal(4210, tokens.GetProperty("completion").GetInt64());
        Assert.Equal(16384, tokens.GetProperty("cached_prompt").GetInt64());
        Assert.Equal(3584, tokens.GetProperty("reasoning").GetInt64());
    }

    [Fact]
    public async Task Batch_reports_rejected_elements_by_index_and_accepts_the_rest()
    {
        var body = "[" + Samples.Read("01-chat-success.json").Trim()[1..^1] + ", null, 42]";

        var result = await (await Client.PostUsageAsync(body)).AssertJsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([1, 2], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Contains("null", rejected[0].GetProperty("error").GetString());
        Assert.Equal(2, (await App.Services.GetRequiredService<Billing.Functions.Storage.QuarantineStore>().ListAsync(App.Time.GetUtcNow(), default)).Count);
    }
}
