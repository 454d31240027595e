namespace Billing.Functions.Auth;

public enum KeyScope
{
    Ingest,
    Check,
    Admin,
}
