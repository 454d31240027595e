namespace Billing.Tests.Infrastructure;

public static class TestKeys
{
    public const string Ingest = "ingest-key-for-tests-0001";
    public const string Check = "check-key-for-tests-00001";
    public const string CheckRotated = "check-key-for-tests-00002";
    public const string Admin = "admin-key-for-tests-00001";

    /// <summary><c>Dashboard:SigningKey</c> of the tests that sign page links (at least 32 characters).</summary>
    public const string DashboardSigning = "dashboard-signing-key-for-tests-0000001";
}
