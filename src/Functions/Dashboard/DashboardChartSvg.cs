using System.Text;
using static Billing.Functions.Dashboard.DashboardHtml;

namespace Billing.Functions.Dashboard;

/// <summary>
/// The spend chart as inline SVG, drawn on the server: one column per local day, stacked by model, one
/// <c>&lt;g class="series" data-model="…"&gt;</c> per model with a <c>&lt;title&gt;</c> per bar (the hover text), and a
/// legend. No script, no library, nothing to load: it works offline and under <c>default-src 'none'</c>.
/// </summary>
internal static class DashboardChartSvg
{
    private const double Width = 720, Height = 240, Left = 56, Right = 8, Top = 10, Bottom = 24;

    private static readonly string[] Palette =
        ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#f97316", "#84cc16", "#ec4899", "#64748b", "#14b8a6", "#a855f7"];

    public static string Colour(int series) => Palette[series % Palette.Length];

    public static void Render(StringBuilder html, DashboardChart chart, string currency)
    {
        var days = chart.DayKeys.Count;
        var totals = Enumerable.Range(0, days).Select(d => chart.Series.Sum(s => s.PerDay[d])).ToList();
        var max = totals.Count == 0 ? 0m : totals.Max();
        var (plotWidth, plotHeight) = (Width - Left - Right, Height - Top - Bottom);
        var slot = plotWidth / days;
        html.Append($"<svg class=\"chart\" id=\"spend-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Spend per day by model, last {days} days\" data-series=\"{chart.Series.Count}\" data-max=\"{Money(max)}\">\n");
        foreach (var fraction in new[] { 0m, 0.5m, 1m })
        {
            var y = Top + plotHeight * (1 - (double)fraction);
            html.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Number(y)}\" y2=\"{Number(y)}\"/>")
                .Append($"<text x=\"{Left - 4}\" y=\"{Number(y + 3)}\" text-anchor=\"end\">{E(Money(Math.Round(max * fraction, 4)))}</text>\n");
        }
        for (var d = 0; d < days; d += 7)
            html.Append($"<text x=\"{Number(Left + slot * (d + 0.5))}\" y=\"{Height - 8}\" text-anchor=\"middle\">{E(chart.DayKeys[d][5..])}</text>");
        html.Append('\n');

        var stacked = new decimal[days];
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            html.Append("<g class=\"series\" data-model=\"").Append(E(series.Model)).Append("\" data-total=\"").Append(Money(series.Total))
                .Append("\" fill=\"").Append(Colour(s)).Append("\">");
            for (var d = 0; d < days; d++)
            {
                var cost = series.PerDay[d];
                if (cost <= 0 || max <= 0) continue;
                var bottom = Top + plotHeight * (1 - (double)(stacked[d] / max));
                stacked[d] += cost;
                var top = Top + plotHeight * (1 - (double)(stacked[d] / max));
                html.Append($"<rect x=\"{Number(Left + slot * d + slot * 0.1)}\" y=\"{Number(top)}\" width=\"{Number(slot * 0.8)}\" height=\"{Number(Math.Max(bottom - top, 0.5))}\" data-day=\"{chart.DayKeys[d]}\" data-cost=\"{Money(cost)}\">")
                    .Append("<title>").Append(E($"{chart.DayKeys[d]} {series.Model}: {Money(cost)} {currency}")).Append("</title></rect>");
            }
            html.Append("</g>\n");
        }
        html.Append("</svg>\n");

        if (chart.Series.Count == 0)
        {
            html.Append("<p class=\"muted\">No spend in the last ").Append(days).Append(" days.</p>\n");
            return;
        }
        html.Append("<ul class=\"legend\">");
        for (var s = 0; s < chart.Series.Count; s++)
            html.Append("<li><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"").Append(Colour(s)).Append("\"/></svg> ")
                .Append(E(chart.Series[s].Model)).Append(" <span class=\"muted\">").Append(E(Money(chart.Series[s].Total))).Append(' ').Append(E(currency)).Append("</span></li>");
        html.Append("</ul>\n");
    }
}
