using System.Globalization;
using System.Net;
using System.Text.Json;
using Billing.Tests.Infrastructure;
using PuppeteerSharp;

namespace Billing.Tests.Dashboard;

/// <summary>
/// The owners' page in headless Chromium, opened from a signed link against the app on Azurite with usage posted through
/// the webhook: the bars and the chart show the API's figures, nothing raises a console error, a screenshot is saved,
/// and a tampered or expired link gets the 403 page.
/// </summary>
public sealed class DashboardBrowserTests(LiveDashboard live) : IClassFixture<LiveDashboard>
{
    [Fact]
    public async Task Each_budget_bar_is_as_wide_as_used_over_limit_in_percent()
    {
        await using var page = await OpenAsync(live.Link(live.Subject));
        var account = await ApiAsync($"{BillingClient.AccountPath(live.Subject)}");

        var bars = await page.Page.EvaluateExpressionAsync<JsonElement>("""
            [...document.querySelectorAll('#budgets .window')].map(w => ({
              name: w.dataset.window, percent: w.dataset.percent,
              fill: w.querySelector('rect.fill').getAttribute('width'),
              ratio: w.querySelector('rect.fill').getBoundingClientRect().width / w.querySelector('rect.track').getBoundingClientRect().width }))
            """);

        var windows = account.GetProperty("budgets").EnumerateArray().ToList();
        Assert.Equal(windows.Count, bars.GetArrayLength());
        foreach (var (window, bar) in windows.Zip(bars.EnumerateArray()))
        {
            var expected = Math.Round(window.GetProperty("used").GetDecimal() / window.GetProperty("limit").GetDecimal() * 100m, 1, MidpointRounding.AwayFromZero);
            Assert.Equal(window.GetProperty("name").GetString(), bar.GetProperty("name").GetString());
            Assert.Equal(expected, decimal.Parse(bar.GetProperty("percent").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(Math.Min(expected, 100m), decimal.Parse(bar.GetProperty("fill").GetString()!, CultureInfo.InvariantCulture), 2);
            Assert.InRange(bar.GetProperty("ratio").GetDouble() * 100, (double)Math.Min(expected, 100m) - 0.5, (double)Math.Min(expected, 100m) + 0.5);
        }
        Assert.Contains(windows, w => w.GetProperty("used").GetDecimal() > 0);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_chart_has_one_series_per_model_with_the_APIs_daily_spend()
    {
        await using var page = await OpenAsync(live.Link(live.Subject));
        var byModel = await ApiAsync($"{BillingClient.AccountPath(live.Subject)}/usage?from={DashboardSeed.ChartFrom(LiveDashboard.Now)}&group_by=model");

        var series = await page.Page.EvaluateExpressionAsync<JsonElement>("""
            [...document.querySelectorAll('#spend-chart g.series')].map(g => ({ model: g.dataset.model, total: g.dataset.total, bars: g.querySelectorAll('rect').length }))
            """);

        var models = byModel.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("cost").GetDecimal());
        Assert.Equal(DashboardSeed.Models.Order(), models.Keys.Order());
        Assert.Equal(models.Count, series.GetArrayLength());
        foreach (var s in series.EnumerateArray())
        {
            Assert.Equal(models[s.GetProperty("model").GetString()!], decimal.Parse(s.GetProperty("total").GetString()!, CultureInfo.InvariantCulture));
            Assert.True(s.GetProperty("bars").GetInt32() > 0);
        }
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_page_raises_no_console_errors_fits_a_phone_and_is_saved_as_a_screenshot()
    {
        await using var page = await OpenAsync(live.Link(live.Subject), width: 1100);
        var desktop = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.Page.ScreenshotAsync(desktop, new ScreenshotOptions { FullPage = true });

        await page.Page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true });
        await page.Page.ReloadAsync();
        var overflow = await page.Page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        await page.Page.ScreenshotAsync(Path.Combine(AppContext.BaseDirectory, "dashboard-phone.png"), new ScreenshotOptions { FullPage = true });

        Assert.True(new FileInfo(desktop).Length > 10_000, "the screenshot is empty");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a phone");
        Assert.Empty(page.Errors);
        // The README's picture: regenerated on purpose only (BILLING_README_SCREENSHOT=1), so a test run leaves the tree clean.
        if (Environment.GetEnvironmentVariable("BILLING_README_SCREENSHOT") == "1" && AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory) is { } root)
            File.Copy(desktop, Path.Combine(root, "docs", "images", "dashboard.png"), overwrite: true);
    }

    [Fact]
    public async Task A_tampered_link_gets_the_plain_403_page()
    {
        var link = live.Link(live.Subject);
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

        await using var page = await OpenAsync(tampered, expectErrors: true);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("not valid", await page.Page.GetContentAsync());
        Assert.DoesNotContain(live.Subject, await page.Page.GetContentAsync());
    }

    [Fact]
    public async Task An_expired_link_gets_the_plain_403_page()
    {
        await using var page = await OpenAsync(live.Link(live.Subject, LiveDashboard.Now.AddSeconds(-1)), expectErrors: true);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("expired", await page.Page.GetContentAsync());
    }

    private async Task<OpenPage> OpenAsync(string url, int width = 1100, bool expectErrors = false)
    {
        var page = await live.Browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) errors.Add(e.Message.Text); };
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = 900 });
        var response = await page.GoToAsync(url, WaitUntilNavigation.Load);
        if (!expectErrors) Assert.Equal(HttpStatusCode.OK, response.Status);
        return new OpenPage(page, response.Status, errors);
    }

    private async Task<JsonElement> ApiAsync(string path)
    {
        using var admin = new HttpClient { BaseAddress = live.Url };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", TestKeys.Admin);
        var response = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private sealed record OpenPage(IPage Page, HttpStatusCode Status, List<string> Errors) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Page.DisposeAsync();
    }
}
