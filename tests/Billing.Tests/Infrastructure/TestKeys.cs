namespace Billing.Tests.Infrastructure;

public static class TestKeys
{
    public const string Ingest = "ingest-key-for-tests-0001";
    public const string Check = "check-key-for-tests-00001";
    public const string CheckRotated = "check-key-for-tests-00002";
    public const string Admin = "admin-key-for-tests-00001";
}
