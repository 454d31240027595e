using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.EndToEnd;

/// <summary><c>PUT|GET /api/prices/{model}</c> and <c>GET /api/prices</c> over HTTP against Azurite.</summary>
public sealed class PriceBookApiTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private PricesClient Prices => field ??= new PricesClient(App);

    [Fact]
    public async Task A_price_is_put_read_back_and_listed()
    {
        var put = await (await Prices.PutAsync("gpt-4o", new { input_per_million = 2.5m, output_per_million = 10m, cached_input_per_million = 1.25m, reasoning_per_million = 12.5m }))
            .AssertJsonAsync(HttpStatusCode.OK);

        AssertPrice(put, "gpt-4o", 2.5m, 10m, 1.25m, 12.5m);
        Assert.Equal(Now, put.GetProperty("updated_at").GetDateTimeOffset());
        AssertPrice(await (await Prices.GetAsync("gpt-4o")).AssertJsonAsync(HttpStatusCode.OK), "gpt-4o", 2.5m, 10m, 1.25m, 12.5m);
        var listed = Assert.Single((await (await Prices.ListAsync()).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("prices").EnumerateArray());
        AssertPrice(listed, "gpt-4o", 2.5m, 10m, 1.25m, 12.5m);
        Assert.Equal(Now, listed.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cached_input_and_reasoning_default_to_the_input_and_output_prices()
    {
        var put = await (await Prices.PutAsync("gpt-4o-mini", new { input_per_million = 0.15m, output_per_million = 0.6m })).AssertJsonAsync(HttpStatusCode.OK);

        AssertPrice(put, "gpt-4o-mini", 0.15m, 0.6m, 0.15m, 0.6m);
    }

    [Fact]
    public async Task A_second_put_replaces_the_price_exactly()
    {
        await Prices.SetAsync("o3-mini", 1.1m, 4.4m, 0.55m);
        App.Time.Advance(TimeSpan.FromMinutes(5));

        await Prices.SetAsync("o3-mini", 0.000000000001m, 999_999.999999999999m);

        var price = await (await Prices.GetAsync("o3-mini")).AssertJsonAsync(HttpStatusCode.OK);
        AssertPrice(price, "o3-mini", 0.000000000001m, 999_999.999999999999m, 0.000000000001m, 999_999.999999999999m);
        Assert.Equal(Now.AddMinutes(5), price.GetProperty("updated_at").GetDateTimeOffset());
        Assert.Single((await (await Prices.ListAsync()).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("prices").EnumerateArray());
    }

    [Fact]
    public async Task Every_price_is_listed()
    {
        foreach (var model in new[] { "gpt-4o", "openai/gpt-4o", "claude-sonnet" }) await Prices.SetAsync(model, 1m, 2m);

        var list = await (await Prices.ListAsync()).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["claude-sonnet", "gpt-4o", "openai/gpt-4o"], list.GetProperty("prices").EnumerateArray().Select(p => p.GetProperty("model").GetString()).Order());
    }

    [Fact]
    public async Task An_empty_price_book_lists_nothing()
    {
        var list = await (await Prices.ListAsync()).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal(0, list.GetProperty("prices").GetArrayLength());
    }

    [Theory]
    [InlineData("openai/gpt-4o")]
    [InlineData("bedrock/eu.anthropic.claude-3-5-sonnet-20240620-v1:0")]
    [InlineData("a/b\\c#d?e 100% ~ Zürich 🚀 (v2) +x")]
    public async Task Model_names_keep_slashes_and_other_characters(string model)
    {
        await (await Prices.PutAsync(model, new { input_per_million = 3m, output_per_million = 15m })).AssertJsonAsync(HttpStatusCode.OK);

        AssertPrice(await (await Prices.GetAsync(model)).AssertJsonAsync(HttpStatusCode.OK), model, 3m, 15m, 3m, 15m);
        var listed = Assert.Single((await (await Prices.ListAsync()).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("prices").EnumerateArray());
        Assert.Equal(model, listed.GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_slash_in_the_model_may_be_sent_unencoded()
    {
        await (await Prices.PutRawAsync("/api/prices/hosted_vllm/acme-support-ft-v7", """{"input_per_million":0.2,"output_per_million":0.4}"""))
            .AssertJsonAsync(HttpStatusCode.OK);

        var price = await (await Prices.GetRawAsync("/api/prices/hosted_vllm%2Facme-support-ft-v7")).AssertJsonAsync(HttpStatusCode.OK);

        Assert.Equal("hosted_vllm/acme-support-ft-v7", price.GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_model_without_a_price_is_a_404_problem()
    {
        await Prices.SetAsync("gpt-4o", 2.5m, 10m);

        await (await Prices.GetAsync("gpt-4o-mini")).AssertProblemAsync(HttpStatusCode.NotFound, "model");
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"output_per_million":10}""", "input_per_million" },
        { """{"input_per_million":2.5}""", "output_per_million" },
        { """{"input_per_million":-0.000001,"output_per_million":10}""", "input_per_million" },
        { """{"input_per_million":2.5,"output_per_million":1000000.000000001}""", "output_per_million" },
        { """{"input_per_million":2.5,"output_per_million":10,"cached_input_per_million":-1}""", "cached_input_per_million" },
        { """{"input_per_million":2.5,"output_per_million":10,"reasoning_per_million":2000000}""", "reasoning_per_million" },
        { """{"input_per_million":"2.5","output_per_million":10}""", "input_per_million" },
        { """{"input_per_million":2.5,"output_per_million":1e40}""", "output_per_million" },
        { """{"input_per_million":2.5,"output_per_million":10,"reasoning_per_million":true}""", "reasoning_per_million" },
        { "", "body" },
        { "[1, 2]", "body" },
        { "not json", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_price_is_a_400_problem_naming_the_field(string body, string field)
    {
        var response = await Prices.PutRawAsync(PricesClient.Path("gpt-4o"), body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Prices.GetAsync("gpt-4o")).StatusCode);
    }

    [Fact]
    public async Task Every_missing_or_invalid_price_is_named_at_once()
    {
        var response = await Prices.PutRawAsync(PricesClient.Path("gpt-4o"), """{"cached_input_per_million":-1}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "input_per_million");
        Assert.Equal(["cached_input_per_million", "input_per_million", "output_per_million"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Theory]
    [InlineData("/api/prices/")]
    [InlineData("/api/prices")]
    public async Task A_put_without_a_model_is_a_400_problem(string path)
    {
        var response = await Prices.PutRawAsync(path, """{"input_per_million":1,"output_per_million":2}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "model");
    }

    [Fact]
    public async Task A_model_name_longer_than_events_keep_is_a_400_problem()
    {
        var response = await Prices.PutAsync(new string('m', 1025), new { input_per_million = 1m, output_per_million = 2m });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "model");
    }

    [Fact]
    public async Task The_price_book_needs_the_admin_key()
    {
        var client = App.ClientWithKey(TestKeys.Check);

        await (await client.GetAsync("/api/prices")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
        await (await client.PutAsync(PricesClient.Path("gpt-4o"), new StringContent("""{"input_per_million":1,"output_per_million":2}""", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    private static void AssertPrice(JsonElement price, string model, decimal input, decimal output, decimal cached, decimal reasoning)
    {
        Assert.Equal(
            (model, input, output, cached, reasoning),
            (price.GetProperty("model").GetString(), price.GetProperty("input_per_million").GetDecimal(), price.GetProperty("output_per_million").GetDecimal(),
                price.GetProperty("cached_input_per_million").GetDecimal(), price.GetProperty("reasoning_per_million").GetDecimal()));
    }
}
