using System.Net;
using System.Text.Json;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary><c>billing quarantine list|show|replay</c> against the real app (elements the webhook rejected).</summary>
public sealed class QuarantineCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    /// <summary>Posts the sample whose two elements the webhook rejects (400) and quarantines; answers the quarantine's ids.</summary>
    private async Task<List<string>> QuarantineAsync(int batches = 1)
    {
        for (var i = 0; i < batches; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostUsageAsync(Samples.Read("13-robustness-null-element-and-nulls.json"))).StatusCode);
        var list = JsonDocument.Parse(await ApiGetAsync("/api/quarantine")).RootElement;
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(ids);
        return ids;
    }

    [Fact]
    public async Task List_prints_the_items_and_its_json_is_the_APIs_list()
    {
        var ids = await QuarantineAsync();

        var table = await CliAsync("quarantine", "list");
        var json = await CliAsync("quarantine", "list", "--json");

        AssertExit(ExitCodes.Success, table);
        Assert.All(ids, id => Assert.Contains(id, table.Stdout));
        AssertExit(ExitCodes.Success, json);
        json.AssertJsonEquals(await ApiGetAsync("/api/quarantine"));
    }

    [Fact]
    public async Task Show_prints_the_item_with_its_raw_text()
    {
        var id = (await QuarantineAsync())[0];

        var text = await CliAsync("quarantine", "show", id);
        var json = await CliAsync("quarantine", "show", id, "--json");

        AssertExit(ExitCodes.Success, text);
        Assert.Contains("raw:", text.Stdout);
        json.AssertJsonEquals(await ApiGetAsync("/api/quarantine/" + Uri.EscapeDataString(id)));
        Assert.True(json.Json.TryGetProperty("raw", out _));
    }

    [Fact]
    public async Task Replay_all_tries_every_item_and_exits_1_only_if_one_failed()
    {
        var ids = await QuarantineAsync(batches: 2);

        var result = await CliAsync("quarantine", "replay", "--all", "--json");

        var replayed = result.Json.GetProperty("replayed").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var failed = result.Json.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal(ids.Order(), replayed.Concat(failed.Select(f => f.GetProperty("id").GetString())).Order());
        Assert.All(failed, f => Assert.Equal(422, f.GetProperty("problem").GetProperty("status").GetInt32()));
        AssertExit(failed.Count > 0 ? ExitCodes.Problem : ExitCodes.Success, result);
    }

    [Fact]
    public async Task Replay_all_without_from_tries_items_older_than_the_lists_default_week()
    {
        var ids = await QuarantineAsync();
        App.Time.Advance(TimeSpan.FromDays(30));

        var result = await CliAsync("quarantine", "replay", "--all", "--json");

        var tried = result.Json.GetProperty("replayed").EnumerateArray().Concat(result.Json.GetProperty("failed").EnumerateArray())
            .Select(r => r.GetProperty("id").GetString());
        Assert.Equal(ids.Order(), tried.Order());
    }

    [Fact]
    public async Task Replaying_an_unknown_item_exits_1()
    {
        var result = await CliAsync("quarantine", "replay", "no-such-item");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("no-such-item", result.Stderr);
        Assert.Contains("Replayed 0 of 1", result.Stdout);
    }

    [Theory]
    [InlineData("quarantine", "replay")]
    [InlineData("quarantine", "replay", "a", "--all")]
    [InlineData("quarantine", "replay", "a", "--from", "2026-11-01T00:00:00Z")]
    public async Task Replay_needs_ids_or_all_and_exits_2_otherwise(params string[] args)
    {
        var result = await CliAsync(args);

        AssertExit(ExitCodes.Usage, result);
    }
}
