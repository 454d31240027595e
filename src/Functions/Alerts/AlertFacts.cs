namespace Billing.Functions.Alerts;

/// <summary>
/// What one alert email says, worded once: the headline, the labelled figures, the limit note and the top models.
/// The text and the HTML part only lay these out, so they cannot drift apart. Values are raw (not encoded).
/// </summary>
internal sealed record AlertFacts(
    string Headline,
    IReadOnlyList<KeyValuePair<string, string>> Figures,
    string LimitNote,
    IReadOnlyList<ModelSpend> TopModels,
    string Currency,
    string? DetailsUrl)
{
    public static AlertFacts For(AlertEmail email)
    {
        var subject = AlertFigures.OneLine(email.Subject);
        var window = AlertFigures.OneLine(email.WindowName);
        var period = AlertPeriodText.For(email);
        var figures = new List<KeyValuePair<string, string>>
        {
            new("Subject", subject),
            new("Window", $"\"{window}\" ({AlertFigures.OneLine(email.Period)}, {email.Metric})"),
            new("Spent", AlertFigures.AmountWithUnit(email, email.Used)),
            new("Limit", AlertFigures.AmountWithUnit(email, email.Limit)),
            new("Percent of limit", AlertFigures.PercentText(email)),
            new("Threshold crossed", AlertFigures.OneLine(email.Threshold)),
            new("Period", period.Local),
        };
        if (period.Utc is not null) figures.Add(new("Period (UTC)", period.Utc));
        figures.Add(new("Mode", email.Mode == AlertFigures.Hard
            ? "hard: calls are denied once the limit is reached"
            : "soft: calls are still allowed past the limit"));

        return new(HeadlineFor(email, subject, window), figures, LimitNoteFor(email), AlertFigures.TopModels(email), email.Currency, email.DetailsUrl);
    }

    private static string HeadlineFor(AlertEmail email, string subject, string window) =>
        $"{subject} has used {AlertFigures.PercentText(email)} of its \"{window}\" budget window: " +
        $"{AlertFigures.Amount(email, email.Used)} of {AlertFigures.AmountWithUnit(email, email.Limit)}. " +
        $"The {AlertFigures.OneLine(email.Threshold)} threshold was crossed.";

    private static string LimitNoteFor(AlertEmail email)
    {
        if (!AlertFigures.IsOverLimit(email))
        {
            var left = AlertFigures.AmountWithUnit(email, email.Limit - email.Used);
            return email.Used == email.Limit && email.Mode == AlertFigures.Hard
                ? "The limit is reached: calls are being denied."
                : $"{left} left before the limit.";
        }

        var over = $"Over the limit by {AlertFigures.AmountWithUnit(email, email.Used - email.Limit)}";
        return email.Mode == AlertFigures.Hard
            ? $"{over}: calls are being denied."
            : $"{over}: calls are still allowed (soft limit).";
    }
}
