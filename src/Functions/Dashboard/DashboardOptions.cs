namespace Billing.Functions.Dashboard;

/// <summary>The owners' page (<c>GET /accounts/{subject}</c>), bound from <c>Dashboard</c> (app settings <c>Dashboard__*</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";
    public const int MinKeyLength = 32;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// HMAC-SHA256 key of the signed page links (at least 32 characters). Empty: signed links are off, alert emails
    /// carry no link and only the admin key opens the page.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a link made for an alert email (and by default by the API) stays valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    public bool SignedLinksOn => !string.IsNullOrEmpty(SigningKey);
}
