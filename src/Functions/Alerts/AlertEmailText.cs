using System.Text;

namespace Billing.Functions.Alerts;

/// <summary>The text/plain part of an alert email.</summary>
internal static class AlertEmailText
{
    private const int BarWidth = 20;

    public static string Render(AlertEmail email, AlertFacts facts)
    {
        var text = new StringBuilder();
        text.AppendLine("Budget alert").AppendLine();
        text.AppendLine(facts.Headline).AppendLine();
        text.AppendLine(Bar(email)).AppendLine(facts.LimitNote).AppendLine();

        var width = facts.Figures.Max(f => f.Key.Length) + 1;
        foreach (var (label, value) in facts.Figures) text.Append((label + ":").PadRight(width + 1)).AppendLine(value);

        text.AppendLine().AppendLine("Top models by spend:");
        if (facts.TopModels.Count == 0) text.AppendLine("  none recorded in this period");
        var rows = facts.TopModels.Select(m => (
            Model: AlertFigures.OneLine(m.Model),
            Cost: $"{AlertFigures.Money(m.Cost)} {facts.Currency}",
            Requests: m.Requests == 1 ? "1 request" : $"{AlertFigures.Count(m.Requests)} requests")).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var (model, cost, requests) = rows[i];
            text.AppendLine($"  {i + 1}. {model.PadRight(rows.Max(r => r.Model.Length))}  {cost.PadLeft(rows.Max(r => r.Cost.Length))}  {requests}");
        }

        if (facts.DetailsUrl is not null) text.AppendLine().AppendLine($"Details: {facts.DetailsUrl}");
        return text.ToString();
    }

    /// <summary><c>[##########----------] 50.0%</c>: the HTML bar's plain twin, capped at full.</summary>
    private static string Bar(AlertEmail email)
    {
        var filled = (AlertFigures.BarFill(email) * BarWidth + 50) / 100;
        if (filled == 0 && email.Used > 0m) filled = 1;
        return $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {AlertFigures.PercentText(email)}";
    }
}
