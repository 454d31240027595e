namespace Billing.Bench.Infrastructure;

/// <summary>The API keys the bench configures on every app it starts (distinct, at least 16 characters).</summary>
public static class BenchKeys
{
    public const string Ingest = "bench-ingest-key-000001";
    public const string Check = "bench-check-key-0000001";
    public const string Admin = "bench-admin-key-0000001";
}
