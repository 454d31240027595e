using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Infrastructure;

/// <summary>
/// What the host runs at start-up for every <c>ValidateOnStart</c> option, on the app's own registrations and
/// settings, without a host. Through <see cref="BillingApp"/> a failed start-up sometimes surfaces as an
/// <see cref="ObjectDisposedException"/> instead of its cause: the app's <c>Run</c> fails and disposes the host before
/// WebApplicationFactory's deferred host asks it for its lifetime (a race in the framework, seen in a loop of full runs).
/// </summary>
public static class StartupValidation
{
    /// <summary>The validation failure (all messages joined by " | "), or null when start-up would succeed.</summary>
    public static string? FailureOf(Dictionary<string, string?> settings, params Action<IServiceCollection>[] registrations)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        foreach (var register in registrations) register(services);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception e)
        {
            return e is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(i => i.Message)) : e.Message;
        }
    }
}
