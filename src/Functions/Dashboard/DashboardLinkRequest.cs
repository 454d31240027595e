namespace Billing.Functions.Dashboard;

/// <summary>The body of <c>POST /api/accounts/{subject}/dashboard-link</c> (optional): how long the link is valid, in seconds (60 to 90 days; default <c>Dashboard:LinkLifetime</c>).</summary>
public sealed record DashboardLinkRequest(long? ValidForSeconds);

/// <summary>A signed link to the subject's page and when it stops working.</summary>
public sealed record DashboardLinkResponse(string Url, DateTimeOffset ExpiresAt);
