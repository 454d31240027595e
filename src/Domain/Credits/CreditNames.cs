namespace Billing.Domain.Credits;

/// <summary>The one table of wire names for credit entries and billing modes.</summary>
public static class CreditNames
{
    public static readonly IReadOnlyList<CreditEntryKind> Kinds = [CreditEntryKind.Grant, CreditEntryKind.Burn, CreditEntryKind.Expiry, CreditEntryKind.Void];

    public static string Name(CreditEntryKind kind) => kind switch
    {
        CreditEntryKind.Grant => "grant",
        CreditEntryKind.Burn => "burn",
        CreditEntryKind.Expiry => "expiry",
        CreditEntryKind.Void => "void",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown credit entry kind"),
    };

    public static readonly IReadOnlyList<BillingMode> Modes = [BillingMode.Budget, BillingMode.Prepaid];

    public static string Name(BillingMode mode) => mode switch
    {
        BillingMode.Budget => "budget",
        BillingMode.Prepaid => "prepaid",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown billing mode"),
    };

    public static bool TryParseMode(string? name, out BillingMode mode)
    {
        mode = Modes.FirstOrDefault(m => Name(m) == name);
        return name is not null && Name(mode) == name;
    }

    public static bool TryParse(string? name, out CreditEntryKind kind)
    {
        foreach (var candidate in Kinds)
        {
            if (Name(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
