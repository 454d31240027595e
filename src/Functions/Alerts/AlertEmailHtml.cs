using System.Text;
using System.Text.Encodings.Web;

namespace Billing.Functions.Alerts;

/// <summary>
/// The text/html part of an alert email: inline styles only, no images, no external CSS, no script. Every value is
/// HTML-encoded here, so user-supplied names (subject id, window, models) cannot inject markup.
/// </summary>
internal static class AlertEmailHtml
{
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";
    private const string Cell = "padding:4px 12px 4px 0;border-bottom:1px solid #e5e7eb;";
    private const string Amber = "#e67e22";
    private const string Red = "#c0392b";
    private const string Empty = "#e5e7eb";

    public static string Render(AlertEmail email, AlertFacts facts, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>\n");
        html.Append("<body style=\"margin:0;padding:16px;background-color:#ffffff;color:#1f2937;font-size:14px;").Append(Font).Append("\">\n");
        html.Append("<h1 style=\"margin:0 0 12px 0;font-size:18px;").Append(Font).Append("\">Budget alert</h1>\n");
        html.Append("<p style=\"margin:0 0 12px 0;\">").Append(E(facts.Headline)).Append("</p>\n");
        AppendBar(html, email);
        html.Append("<p style=\"margin:0 0 16px 0;font-weight:bold;\">").Append(E(facts.LimitNote)).Append("</p>\n");
        AppendFigures(html, facts);
        AppendTopModels(html, facts);
        if (facts.DetailsUrl is not null)
            html.Append("<p style=\"margin:16px 0 0 0;\"><a href=\"").Append(E(facts.DetailsUrl)).Append("\" style=\"color:#1d4ed8;\">Details: ")
                .Append(E(facts.DetailsUrl)).Append("</a></p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>A horizontal bar from two table cells whose widths are percentages, capped at 100% (the note says by how much it is over).</summary>
    private static void AppendBar(StringBuilder html, AlertEmail email)
    {
        var fill = AlertFigures.BarFill(email);
        var colour = fill >= 100 ? Red : Amber;
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:100%;border-collapse:collapse;margin:0 0 4px 0;\"><tr>");
        if (fill > 0) AppendBarCell(html, fill, colour);
        if (fill < 100) AppendBarCell(html, 100 - fill, Empty);
        html.Append("</tr></table>\n");
        html.Append("<p style=\"margin:0 0 4px 0;font-size:12px;color:#4b5563;\">").Append(E(AlertFigures.PercentText(email))).Append(" of the limit</p>\n");
    }

    private static void AppendBarCell(StringBuilder html, int width, string colour) =>
        html.Append($"<td width=\"{width}%\" style=\"width:{width}%;height:16px;background-color:{colour};font-size:0;line-height:0;\">&nbsp;</td>");

    private static void AppendFigures(StringBuilder html, AlertFacts facts)
    {
        html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 16px 0;\">\n");
        foreach (var (label, value) in facts.Figures)
            html.Append("<tr><th align=\"left\" style=\"").Append(Cell).Append("font-weight:normal;color:#4b5563;\">").Append(E(label))
                .Append("</th><td style=\"").Append(Cell).Append("\">").Append(E(value)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendTopModels(StringBuilder html, AlertFacts facts)
    {
        html.Append("<h2 style=\"margin:0 0 8px 0;font-size:15px;").Append(Font).Append("\">Top models by spend</h2>\n");
        if (facts.TopModels.Count == 0)
        {
            html.Append("<p style=\"margin:0;\">None recorded in this period.</p>\n");
            return;
        }

        html.Append("<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\">\n<tr>");
        html.Append("<th align=\"left\" style=\"").Append(Cell).Append("\">Model</th>");
        html.Append("<th align=\"right\" style=\"").Append(Cell).Append("\">Cost (").Append(E(facts.Currency)).Append(")</th>");
        html.Append("<th align=\"right\" style=\"").Append(Cell).Append("\">Requests</th></tr>\n");
        foreach (var model in facts.TopModels)
            html.Append("<tr><td style=\"").Append(Cell).Append("\">").Append(E(model.Model))
                .Append("</td><td align=\"right\" style=\"").Append(Cell).Append("\">").Append(E(AlertFigures.Money(model.Cost)))
                .Append("</td><td align=\"right\" style=\"").Append(Cell).Append("\">").Append(E(AlertFigures.Count(model.Requests))).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}
