namespace Billing.Tests.Infrastructure;

public static class TestKeys
{
    /// <summary>The second key of a class during a rotation (README, Key rotation); not configured by default.</summary>
    public const string IngestRotated = "ingest-key-for-tests-0002";

    public const string AdminRotated = "admin-key-for-tests-00002";

    /// <summary>Every key value a test app may be configured with, for the tests that look for leaks.</summary>
    public static readonly IReadOnlyList<string> All = [Ingest, IngestRotated, Check, CheckRotated, Admin, AdminRotated, DashboardSigning];

    public const string Ingest = "ingest-key-for-tests-0001";
    public const string Check = "check-key-for-tests-00001";
    public const string CheckRotated = "check-key-for-tests-00002";
    public const string Admin = "admin-key-for-tests-00001";

    /// <summary><c>Dashboard:SigningKey</c> of the tests that sign page links (at least 32 characters).</summary>
    public const string DashboardSigning = "dashboard-signing-key-for-tests-0000001";
}
