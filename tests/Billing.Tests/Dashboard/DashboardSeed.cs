using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Dashboard;

/// <summary>
/// A realistic account for the owners' page: three windows, prepaid credits, and LiteLLM calls of four models over the
/// last three weeks posted through the webhook (the shared sample, each with its own id, time, model and cost).
/// </summary>
public static class DashboardSeed
{
    public static readonly string[] Models = ["gpt-4o", "claude-3-5-sonnet", "gpt-4o-mini", "text-embedding-3-small"];
    private static readonly string[] Providers = ["openai", "anthropic", "openai", "openai"];

    public static async Task<string> AccountAsync(BillingApp app, DateTimeOffset now, string teamId)
    {
        var subject = "team:" + teamId;
        var client = new BillingClient(app);
        await (await client.PutAccountAsync(subject, new
        {
            owners = new[] { "ops@acme.example" },
            time_zone = "Europe/Berlin",
            billing_mode = "prepaid",
            budgets = new object[]
            {
                new { name = "daily", period = "daily", limit = 0.06m, mode = "hard" },
                new { name = "monthly", period = "monthly", limit = 12m, mode = "soft", alert_thresholds = new object[] { 0.5m, 0.8m, new { amount = 10m } } },
                new { name = "tokens", period = "weekly", metric = "tokens", limit = 400_000m, mode = "soft" },
            },
        })).AssertJsonAsync(HttpStatusCode.OK);
        using var admin = app.ClientWithKey(TestKeys.Admin);
        var grant = await admin.PostAsync(BillingClient.AccountPath(subject) + "/credits",
            new StringContent("""{"grant_id":"topup-2026-11","amount":50,"reason":"November top-up"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);

        var batch = new JsonArray();
        for (var day = 20; day >= 0; day--)
            for (var call = 0; call < 1 + (20 - day) % 4; call++)
            {
                var model = (day + call) % Models.Length;
                var at = now.AddDays(-day).AddHours(-1 - call * 2);
                var cost = Math.Round(0.05m + 0.0137m * ((day * 7 + call * 3) % 11) * (model == 1 ? 4 : 1), 6);
                batch.Add(Call($"{teamId}-{day}-{call}", teamId, Models[model], Providers[model], cost, at, 900 + 37 * day, 180 + 11 * call));
            }
        var posted = await client.PostUsageAsync(batch.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        await app.DrainUsageQueueAsync();
        return subject;
    }

    /// <summary>One LiteLLM call: the sample with its id, model, provider, cost, time, tokens and team replaced.</summary>
    public static JsonNode Call(string id, string team, string model, string provider, decimal cost, DateTimeOffset at, int prompt, int completion)
    {
        var call = JsonNode.Parse(Samples.Read("01-chat-success.json"))!.AsArray()[0]!.DeepClone();
        var seconds = at.ToUnixTimeMilliseconds() / 1000m;
        call["id"] = id;
        call["model"] = provider + "/" + model;
        call["model_group"] = model;
        call["custom_llm_provider"] = provider;
        call["response_cost"] = cost;
        call["startTime"] = seconds - 2;
        call["endTime"] = seconds;
        call["completionStartTime"] = seconds;
        call["prompt_tokens"] = prompt;
        call["completion_tokens"] = completion;
        call["total_tokens"] = prompt + completion;
        var metadata = call["metadata"]!;
        metadata["user_api_key_team_id"] = team;
        metadata["user_api_key_hash"] = "key-" + team;
        if (metadata["usage_object"] is JsonObject usage)
        {
            usage["prompt_tokens"] = prompt;
            usage["completion_tokens"] = completion;
            usage["total_tokens"] = prompt + completion;
        }
        return call;
    }

    /// <summary>The first local date of the page's 30-day chart (Europe/Berlin), for the API's report over the same days.</summary>
    public static string ChartFrom(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Date).AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
