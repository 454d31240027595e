namespace Billing.Functions.Alerts;

/// <summary>
/// The data of one budget alert email: which window of which subject crossed which threshold, and where it stands.
/// Every property is checked when set; the renderer turns it into text, HTML and a MIME message.
/// </summary>
public sealed record AlertEmail
{
    /// <summary>Recipients, at least one; each an address, optionally with a display name.</summary>
    public required IReadOnlyList<string> To
    {
        get;
        init => field = value is { Count: > 0 } && value.All(a => MailAddresses.TryParse(a, out _))
            ? [.. value]
            : throw new ArgumentException("At least one recipient is required, and every recipient must be an email address.", nameof(To));
    }

    /// <summary>The billed subject id, e.g. <c>team:acme</c>.</summary>
    public required string Subject { get; init => field = Required(value, nameof(Subject)); }

    /// <summary>The budget window's name, as the account owner called it.</summary>
    public required string WindowName { get; init => field = Required(value, nameof(WindowName)); }

    /// <summary>The period's wire name: <c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>total</c> or an ISO 8601 duration like <c>PT1H</c>.</summary>
    public required string Period { get; init => field = Required(value, nameof(Period)); }

    /// <summary><c>cost</c>, <c>tokens</c> or <c>requests</c>; decides the units of <see cref="Used"/> and <see cref="Limit"/>.</summary>
    public required string Metric { get; init => field = OneOf(value, AlertFigures.Metrics, nameof(Metric)); }

    /// <summary><c>hard</c> (calls are denied at the limit) or <c>soft</c> (calls are still allowed).</summary>
    public required string Mode { get; init => field = OneOf(value, AlertFigures.Modes, nameof(Mode)); }

    /// <summary>The threshold that was crossed, as a label: <c>80%</c> or <c>150 USD</c>.</summary>
    public required string Threshold { get; init => field = Required(value, nameof(Threshold)); }

    public required decimal Used { get; init => field = NotNegative(value, nameof(Used)); }

    /// <summary>The window's limit; zero means nothing may be spent.</summary>
    public required decimal Limit { get; init => field = NotNegative(value, nameof(Limit)); }

    /// <summary>ISO 4217 code of cost figures (the limit and used for <c>cost</c>, and every model's cost).</summary>
    public string Currency { get; init => field = Billing.Domain.Money.Currency.IsValidCode(value) ? value.ToUpperInvariant() : throw new ArgumentException("Currency must be a three-letter ISO 4217 code.", nameof(Currency)); } = "USD";

    /// <summary>Start of the half-open period [start, end).</summary>
    public required DateTimeOffset PeriodStart { get; init; }

    /// <summary>End of the period (exclusive); null for a window that never resets.</summary>
    public required DateTimeOffset? PeriodEnd { get; init; }

    /// <summary>The account's IANA time zone id, e.g. <c>Europe/Berlin</c>; times are shown in it and in UTC.</summary>
    public required string TimeZone { get; init => field = Required(value, nameof(TimeZone)); }

    /// <summary>Spend by model; the email shows the five largest.</summary>
    public required IReadOnlyList<ModelSpend> TopModels { get; init => field = [.. value ?? throw new ArgumentNullException(nameof(TopModels))]; }

    /// <summary>Stable id chosen by the caller, sent as the Message-ID header so a resend is recognisably the same email.</summary>
    public required string MessageId
    {
        get;
        init => field = Required(value, nameof(MessageId)).Length <= 200
            ? value
            : throw new ArgumentException("MessageId must be at most 200 characters.", nameof(MessageId));
    }

    /// <summary>Optional absolute http(s) link shown in both parts, e.g. the account page.</summary>
    public string? DetailsUrl
    {
        get;
        init => field = value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? value
            : throw new ArgumentException("DetailsUrl must be an absolute http or https URL.", nameof(DetailsUrl));
    }

    private static string Required(string value, string name) =>
        !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException($"{name} is required.", name);

    private static string OneOf(string value, IReadOnlyList<string> allowed, string name) =>
        allowed.Contains(value) ? value : throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed)}.", name);

    private static decimal NotNegative(decimal value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must not be negative");
}
