[assembly: AssemblyFixture(typeof(Billing.Tests.Infrastructure.Lago.LagoPrismFixture))]

namespace Billing.Tests.Infrastructure.Lago;

/// <summary>
/// Stops the Prism shared by the <see cref="LagoStandIn"/>s (by PID) when the test run ends. It starts nothing: the
/// first stand-in starts Prism, so runs without Lago tests do not pay for it.
/// </summary>
public sealed class LagoPrismFixture : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await LagoPrism.StopSharedAsync();
}
