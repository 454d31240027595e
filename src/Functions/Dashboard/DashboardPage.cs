using System.Globalization;
using System.Text;
using Billing.Functions.Accounts;
using static Billing.Functions.Dashboard.DashboardHtml;

namespace Billing.Functions.Dashboard;

/// <summary>
/// Renders the owners' page from a <see cref="DashboardView"/>: pure, no I/O. Every user-controlled value is
/// HTML-encoded; money is the API's decimal as is; times are in the account's time zone.
/// </summary>
internal static class DashboardPage
{
    public static string Render(DashboardView view)
    {
        var account = view.Account;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var html = new StringBuilder(16_384);
        Head(html, $"Billing: {account.Subject}");
        html.Append("<header><h1 id=\"subject\">").Append(E(account.Subject)).Append("</h1><p class=\"meta\">");
        if (view.Credits is { } status)
            html.Append("Status <span id=\"status\" class=\"status-").Append(E(status.Status)).Append("\">").Append(E(status.Status)).Append("</span> · ");
        html.Append("Time zone ").Append(E(account.TimeZone)).Append(" · as of ").Append(E(Local(view.Now, zone))).Append("</p></header>\n");

        Budgets(html, account, zone);
        html.Append("<section id=\"spend\"><h2>Spend per day, last ").Append(view.Chart.DayKeys.Count).Append(" days (").Append(E(account.Currency)).Append(")</h2>\n");
        DashboardChartSvg.Render(html, view.Chart, account.Currency);
        html.Append("</section>\n");
        Top(html, view);
        Credits(html, view, zone);
        Alerts(html, view, zone);
        Events(html, view, zone);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>Used / limit as a percentage, rounded to 0.1; a zero limit is 100% once anything is used.</summary>
    public static decimal Percent(decimal used, decimal limit) =>
        limit > 0 ? Math.Round(used / limit * 100m, 1, MidpointRounding.AwayFromZero) : used > 0 ? 100m : 0m;

    private static void Budgets(StringBuilder html, AccountResponse account, TimeZoneInfo zone)
    {
        html.Append("<section id=\"budgets\"><h2>Budgets</h2>\n");
        if (account.Budgets.Count == 0) html.Append("<p class=\"muted\">No budget windows.</p>\n");
        foreach (var window in account.Budgets)
        {
            var percent = Percent(window.Used, window.Limit);
            var fill = Math.Min(percent, 100m);
            var unit = window.Metric == "cost" ? account.Currency : window.Metric;
            var tone = percent >= 100 ? " over" : percent >= 80 ? " warn" : "";
            var text = percent.ToString("0.0", CultureInfo.InvariantCulture);
            html.Append("<div class=\"window\" data-window=\"").Append(E(window.Name)).Append("\" data-percent=\"").Append(text)
                .Append("\" data-used=\"").Append(Money(window.Used)).Append("\" data-limit=\"").Append(Money(window.Limit)).Append("\">")
                .Append("<div class=\"head\"><strong>").Append(E(window.Name)).Append("</strong> <span class=\"tag ").Append(E(window.Mode)).Append("\">").Append(E(window.Mode)).Append("</span>")
                .Append(" <span class=\"muted\">").Append(E(window.Period)).Append(window.Models is { Count: > 0 } models ? " · " + E(string.Join(", ", models)) : "").Append("</span>")
                .Append(" <span class=\"percent\">").Append(text).Append("%</span></div>")
                .Append("<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").Append(text).Append("% of the limit\">")
                .Append("<rect class=\"track\" width=\"100\" height=\"10\"/><rect class=\"fill").Append(tone).Append("\" width=\"")
                .Append(fill.ToString("0.##", CultureInfo.InvariantCulture)).Append("\" height=\"10\"/></svg>")
                .Append("<p class=\"figures\">Used <b>").Append(Money(window.Used)).Append("</b> of ").Append(Money(window.Limit)).Append(' ').Append(E(unit))
                .Append(" · ").Append(Money(window.Remaining)).Append(" left · ")
                .Append(window.PeriodEnd is { } end ? "resets " + E(Local(end, zone)) : "never resets")
                .Append(window.Mode == "hard" ? " · calls are denied at the limit" : " · calls are allowed past the limit").Append("</p></div>\n");
        }
        html.Append("</section>\n");
    }

    private static void Top(StringBuilder html, DashboardView view)
    {
        html.Append("<section id=\"top\"><h2>This month (since ").Append(E(Local(view.TopModels.From, TimeZoneInfo.FindSystemTimeZoneById(view.TopModels.TimeZone))))
            .Append("): ").Append(Money(view.TopModels.Totals.Cost)).Append(' ').Append(E(view.TopModels.Currency)).Append(", ")
            .Append(Count(view.TopModels.Totals.Requests)).Append(" requests</h2><div class=\"cols\">\n");
        Groups(html, "top-models", "Model", view.TopModels);
        Groups(html, "top-providers", "Provider", view.TopProviders);
        html.Append("</div></section>\n");
    }

    private static void Groups(StringBuilder html, string id, string label, Reports.UsageReportResponse report)
    {
        html.Append("<div class=\"scroll\"><table id=\"").Append(id).Append("\"><thead><tr><th>").Append(label).Append("</th><th class=\"num\">Cost</th><th class=\"num\">Requests</th><th class=\"num\">Tokens</th></tr></thead><tbody>");
        if (report.Groups.Count == 0) html.Append("<tr><td colspan=\"4\" class=\"muted\">None this month.</td></tr>");
        foreach (var group in report.Groups.Take(10))
            html.Append("<tr data-key=\"").Append(E(group.Key)).Append("\" data-cost=\"").Append(Money(group.Cost)).Append("\"><td class=\"id\">").Append(E(group.Key))
                .Append("</td><td class=\"num\">").Append(Money(group.Cost)).Append("</td><td class=\"num\">").Append(Count(group.Requests))
                .Append("</td><td class=\"num\">").Append(Count(group.Tokens.Total)).Append("</td></tr>");
        html.Append("</tbody></table></div>\n");
    }

    private static void Credits(StringBuilder html, DashboardView view, TimeZoneInfo zone)
    {
        if (view.Credits is not { } credits) return;
        html.Append("<section id=\"credits\"><h2>Credits</h2><p>Balance <b id=\"balance\" data-balance=\"").Append(Money(credits.Balance)).Append("\">")
            .Append(Money(credits.Balance)).Append(' ').Append(E(view.Account.Currency)).Append("</b> · ").Append(E(credits.BillingMode));
        if (credits.BillingMode == "prepaid") html.Append(" · suspended below ").Append(Money(credits.SuspendBelow));
        html.Append("</p>\n");
        if (view.CreditEntries.Count == 0)
        {
            html.Append("<p class=\"muted\">No credit entries.</p></section>\n");
            return;
        }
        html.Append("<div class=\"scroll\"><table id=\"credit-entries\"><thead><tr><th>When</th><th>Kind</th><th>Grant</th><th class=\"num\">Amount</th></tr></thead><tbody>");
        foreach (var entry in view.CreditEntries)
            html.Append("<tr><td>").Append(E(Local(entry.At, zone))).Append("</td><td>").Append(E(entry.Kind)).Append("</td><td class=\"id\">").Append(E(entry.GrantId))
                .Append("</td><td class=\"num\">").Append(Money(entry.Amount)).Append("</td></tr>");
        html.Append("</tbody></table></div></section>\n");
    }

    private static void Alerts(StringBuilder html, DashboardView view, TimeZoneInfo zone)
    {
        html.Append("<section id=\"alerts\"><h2>Alerts this period</h2>\n");
        if (view.Alerts.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p></section>\n");
            return;
        }
        html.Append("<div class=\"scroll\"><table><thead><tr><th>Window</th><th>Threshold</th><th class=\"num\">Used at crossing</th><th>Email</th></tr></thead><tbody>");
        foreach (var alert in view.Alerts)
            html.Append("<tr class=\"alert\"><td>").Append(E(alert.Window)).Append("</td><td>").Append(E(alert.Threshold)).Append("</td><td class=\"num\">")
                .Append(Money(alert.Used)).Append(" of ").Append(Money(alert.Limit)).Append("</td><td>").Append(E(alert.Status.Replace('_', ' ')))
                .Append(alert.SentAt is { } sent ? " " + E(Local(sent, zone)) : "").Append("</td></tr>");
        html.Append("</tbody></table></div></section>\n");
    }

    private static void Events(StringBuilder html, DashboardView view, TimeZoneInfo zone)
    {
        html.Append("<section id=\"events\"><h2>Latest events</h2>\n");
        if (view.Events.Events.Count == 0)
        {
            html.Append("<p class=\"muted\">None yet.</p></section>\n");
            return;
        }
        html.Append("<div class=\"scroll\"><table><thead><tr><th>When</th><th>Model</th><th>Status</th><th class=\"num\">Tokens</th><th class=\"num\">Cost</th></tr></thead><tbody>");
        foreach (var e in view.Events.Events)
            html.Append("<tr class=\"event\"><td>").Append(E(Local(e.At, zone))).Append("</td><td class=\"id\">").Append(E(e.Model))
                .Append(e.Provider is null ? "" : " <span class=\"muted\">" + E(e.Provider) + "</span>").Append("</td><td>").Append(E(e.Status)).Append(e.CacheHit ? " (cache)" : "")
                .Append("</td><td class=\"num\">").Append(Count(e.Tokens.Total)).Append("</td><td class=\"num\">").Append(Money(e.Cost)).Append("</td></tr>");
        html.Append("</tbody></table></div></section>\n");
    }
}
