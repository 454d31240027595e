namespace Billing.Functions.Health;

/// <summary><c>GET /health/live|ready</c>: the overall status (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>) and, for ready, each check's.</summary>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckView> Checks);

public sealed record HealthCheckView(string Status, string? Description, double DurationMs);
