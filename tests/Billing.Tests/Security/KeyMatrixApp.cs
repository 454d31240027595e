using Billing.Tests.Infrastructure;

namespace Billing.Tests.Security;

/// <summary>One app for the whole key matrix (each case is one request; none changes what another sees), trusting Lago's test HMAC key.</summary>
public sealed class KeyMatrixApp(AzuriteFixture azurite) : IAsyncDisposable
{
    public const string LagoSecret = "hmac-key-of-the-key-matrix-000";

    public BillingApp App { get; } = new(azurite, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), new() { ["Lago:WebhookSecret"] = LagoSecret });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
