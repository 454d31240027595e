using Billing.Functions.Alerts;

namespace Billing.Tests.Alerts;

public sealed class AlertEmailRendererTests
{
    public enum Part { Text, Html }

    private static string PartOf(AlertEmail email, Part part)
    {
        var rendered = AlertEmailRenderer.Render(email);
        return part == Part.Text ? rendered.Text : rendered.Html;
    }

    [Fact]
    public void Subject_line_names_the_subject_window_threshold_and_figures()
    {
        var rendered = AlertEmailRenderer.Render(AlertEmails.Acme());

        Assert.Equal("Budget alert: team:acme \"daily\" at 80% (8.00 of 10.00 USD)", rendered.SubjectLine);
    }

    [Theory]
    [InlineData(Part.Text)]
    [InlineData(Part.Html)]
    public void Both_parts_show_spent_limit_percent_threshold_and_mode(Part part)
    {
        var body = PartOf(AlertEmails.Acme(), part);

        Assert.Contains("team:acme", body);
        Assert.Contains("8.00 USD", body);
        Assert.Contains("10.00 USD", body);
        Assert.Contains("80.0%", body);
        Assert.Contains("2.00 USD left before the limit", body);
        Assert.Contains("hard: calls are denied once the limit is reached", body);
    }

    [Theory]
    [InlineData(Part.Text)]
    [InlineData(Part.Html)]
    public void Both_parts_show_the_period_in_the_accounts_time_zone_and_in_utc(Part part)
    {
        var body = PartOf(AlertEmails.Acme(), part);

        Assert.Contains("2026-11-22 00:00 to 2026-11-23 00:00 Europe/Berlin", body);
        Assert.Contains("2026-11-21 23:00 to 2026-11-22 23:00 UTC", body);
    }

    [Theory]
    [InlineData(Part.Text)]
    [InlineData(Part.Html)]
    public void Both_parts_list_the_top_models_largest_spend_first(Part part)
    {
        var body = PartOf(AlertEmails.Acme(), part);

        var order = new[] { "gpt-4o", "claude-sonnet", "gpt-4o-mini" }.Select(m => body.IndexOf(m, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("5.25", body);
        Assert.Contains("120", body);
    }

    [Fact]
    public void At_most_five_models_are_listed()
    {
        var email = AlertEmails.Acme() with { TopModels = [.. Enumerable.Range(1, 7).Select(i => new ModelSpend($"model-{i}", i, i))] };

        var text = AlertEmailRenderer.Render(email).Text;

        Assert.Contains("model-3", text);
        Assert.DoesNotContain("model-2", text);
        Assert.DoesNotContain("model-1 ", text);
    }

    [Fact]
    public void Html_encodes_user_supplied_names()
    {
        var email = AlertEmails.Acme() with
        {
            Subject = "team:<b>acme</b>",
            WindowName = "\"><img src=x>",
            TopModels = [new("<script>alert('x')</script>", 1m, 1)],
        };

        var html = AlertEmailRenderer.Render(email).Html;

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>acme", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Html_has_no_script_image_or_external_stylesheet()
    {
        var html = AlertEmailRenderer.Render(AlertEmails.Acme()).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_bar_is_two_cells_as_wide_as_used_and_left()
    {
        var html = AlertEmailRenderer.Render(AlertEmails.Acme()).Html;

        Assert.Contains("<td width=\"80%\"", html);
        Assert.Contains("<td width=\"20%\"", html);
    }

    [Fact]
    public void Over_the_limit_shows_the_true_percent_and_caps_the_bar()
    {
        var email = AlertEmails.Acme() with { Used = 12.5m, Threshold = "100%" };

        var rendered = AlertEmailRenderer.Render(email);

        Assert.Contains("125.0%", rendered.Text);
        Assert.Contains("125.0%", rendered.Html);
        Assert.Contains("Over the limit by 2.50 USD: calls are being denied.", rendered.Text);
        Assert.Contains("<td width=\"100%\"", rendered.Html);
        Assert.DoesNotContain("<td width=\"125%\"", rendered.Html);
        Assert.Contains("[####################] 125.0%", rendered.Text);
    }

    [Fact]
    public void Soft_window_says_calls_are_still_allowed()
    {
        var email = AlertEmails.Acme() with { Mode = "soft", Used = 11m };

        var text = AlertEmailRenderer.Render(email).Text;

        Assert.Contains("soft: calls are still allowed past the limit", text);
        Assert.Contains("Over the limit by 1.00 USD: calls are still allowed (soft limit).", text);
    }

    [Fact]
    public void Tokens_window_counts_in_tokens_not_money()
    {
        var email = AlertEmails.Acme() with { Metric = "tokens", Used = 850_000m, Limit = 1_000_000m, Threshold = "85%" };

        var rendered = AlertEmailRenderer.Render(email);

        Assert.Equal("Budget alert: team:acme \"daily\" at 85% (850,000 of 1,000,000 tokens)", rendered.SubjectLine);
        Assert.Contains("1,000,000 tokens", rendered.Text);
        Assert.Contains("85.0%", rendered.Html);
    }

    [Fact]
    public void Requests_window_counts_in_requests()
    {
        var email = AlertEmails.Acme() with { Metric = "requests", Used = 500m, Limit = 400m, Threshold = "100%" };

        Assert.Equal("Budget alert: team:acme \"daily\" at 100% (500 of 400 requests)", AlertEmailRenderer.SubjectLine(email));
    }

    [Theory]
    [InlineData(Part.Text)]
    [InlineData(Part.Html)]
    public void A_fraction_of_a_cent_is_not_shown_as_zero(Part part)
    {
        var body = PartOf(AlertEmails.Acme(), part);

        Assert.Contains("0.0042", body);
    }

    [Fact]
    public void Window_that_never_resets_has_no_end()
    {
        var email = AlertEmails.Acme() with { Period = "total", PeriodEnd = null };

        var text = AlertEmailRenderer.Render(email).Text;

        Assert.Contains("2026-11-22 00:00 onwards (never resets) Europe/Berlin", text);
    }

    [Fact]
    public void Unknown_time_zone_falls_back_to_utc_and_says_so()
    {
        var email = AlertEmails.Acme() with { TimeZone = "Mars/Olympus_Mons" };

        var text = AlertEmailRenderer.Render(email).Text;

        Assert.Contains("2026-11-21 23:00 to 2026-11-22 23:00 UTC (time zone 'Mars/Olympus_Mons' is unknown)", text);
    }

    [Theory]
    [InlineData(Part.Text)]
    [InlineData(Part.Html)]
    public void Details_link_is_in_both_parts(Part part)
    {
        var body = PartOf(AlertEmails.Acme(), part);

        Assert.Contains("https://billing.example/accounts/team:acme", body);
    }

    [Fact]
    public void Line_breaks_in_names_do_not_reach_the_subject_line()
    {
        var email = AlertEmails.Acme() with { WindowName = "daily\r\nBcc: victim@example.com" };

        Assert.DoesNotContain('\n', AlertEmailRenderer.SubjectLine(email));
    }
}
