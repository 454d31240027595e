using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Health;

/// <summary>
/// The options are valid: runs every validation registered with <c>ValidateOnStart</c> again (<see cref="IStartupValidator"/>),
/// so a configuration reload that broke a setting turns readiness off. The messages name settings, never their values.
/// </summary>
public sealed class OptionsHealthCheck(IStartupValidator validator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            validator.Validate();
            return Task.FromResult(HealthCheckResult.Healthy("every setting is valid"));
        }
        catch (OptionsValidationException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join(" ", e.Failures)));
        }
        catch (AggregateException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join(" ", e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(v => v.Failures))));
        }
    }
}
