namespace Billing.Functions.Health;

/// <summary><c>Health:Timeout</c>: how long the readiness checks may take before they count as unhealthy.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
