namespace Billing.Functions.Alerts;

/// <summary>The words of one alert email: the subject line, the text/plain part and the text/html part.</summary>
public sealed record RenderedAlertEmail(string SubjectLine, string Text, string Html);
