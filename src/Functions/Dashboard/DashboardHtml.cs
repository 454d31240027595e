using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace Billing.Functions.Dashboard;

/// <summary>
/// The page's shared pieces: HTML encoding of every value (subjects, models and windows may hold any character), the
/// one inline style sheet and the Content-Security-Policy that admits exactly it (by hash), and the plain error pages.
/// No script anywhere: <c>default-src 'none'</c>.
/// </summary>
internal static class DashboardHtml
{
    public const string Css = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937;background:#f8fafc}
        body{margin:0;padding:12px;max-width:960px;margin-inline:auto}
        h1{font-size:1.3rem;margin:4px 0;word-break:break-all}h2{font-size:1.05rem;margin:0 0 8px}
        section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px;margin:12px 0}
        .meta{color:#4b5563;font-size:.9rem;margin:0}.muted{color:#6b7280}
        .window{margin:0 0 14px}.window .head{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline}.window .percent{margin-left:auto;font-weight:bold}
        .tag{font-size:.75rem;border-radius:4px;padding:1px 6px;background:#e5e7eb}.tag.hard{background:#fee2e2;color:#991b1b}.tag.soft{background:#e0f2fe;color:#075985}
        .bar{display:block;width:100%;height:14px;margin:4px 0}.bar .track{fill:#e5e7eb}.bar .fill{fill:#2563eb}.bar .fill.warn{fill:#e67e22}.bar .fill.over{fill:#c0392b}
        .figures{font-size:.85rem;color:#374151;margin:0}
        .chart{display:block;width:100%;height:auto}.chart text{font-size:10px;fill:#4b5563}.chart .grid{stroke:#e5e7eb}
        .legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem}.legend svg{vertical-align:middle}
        .cols{display:flex;flex-wrap:wrap;gap:12px}.cols>div{flex:1 1 280px;min-width:0}
        table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #f1f5f9;vertical-align:top}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .scroll{overflow-x:auto}td.id{word-break:break-all}
        .status-suspended{color:#991b1b;font-weight:bold}.status-active{color:#166534;font-weight:bold}
        """;

    /// <summary>The policy of every page: nothing loads but the hashed style sheet and data: images (the blank icon).</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; img-src data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-22 13:00</c> in <paramref name="zone"/>.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static void Head(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex, nofollow\">")
            .Append("<link rel=\"icon\" href=\"data:,\"><title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style></head>\n<body>\n");
    }

    /// <summary>A plain page for 403 and 404: it says what to do and nothing that would help forge a link.</summary>
    public static string Plain(string title, string message)
    {
        var html = new StringBuilder();
        Head(html, title);
        html.Append("<section><h1>").Append(E(title)).Append("</h1><p>").Append(E(message)).Append("</p></section>\n</body></html>\n");
        return html.ToString();
    }
}
