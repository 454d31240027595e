namespace Billing.Tests.Infrastructure;

/// <summary>Unique table prefixes and queue names, so every test has its own storage.</summary>
public static class TestNames
{
    public static string TablePrefix() => "t" + Guid.NewGuid().ToString("N")[..16];

    public static string Queue() => "q" + Guid.NewGuid().ToString("N")[..20];
}
