namespace Billing.Tests.Infrastructure;

/// <summary>A test class with its own app (own tables and queues) and a client holding the three keys.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    protected AppTest(AzuriteFixture azurite, Dictionary<string, string?>? settings = null)
    {
        App = new BillingApp(azurite, Now, settings);
        Client = new BillingClient(App);
    }

    protected BillingApp App { get; }

    protected BillingClient Client { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
