namespace Billing.Domain.Credits;

/// <summary>The one table of wire names for credit entries and billing modes.</summary>
public static class CreditNames
{
    private static readonly NameTable<CreditEntryKind> KindTable = new(
        (CreditEntryKind.Grant, "grant"), (CreditEntryKind.Burn, "burn"), (CreditEntryKind.Expiry, "expiry"), (CreditEntryKind.Void, "void"), (CreditEntryKind.Sync, "sync"));

    private static readonly NameTable<BillingMode> ModeTable = new((BillingMode.Budget, "budget"), (BillingMode.Prepaid, "prepaid"));

    public static IReadOnlyList<CreditEntryKind> Kinds => KindTable.Values;
    public static IReadOnlyList<BillingMode> Modes => ModeTable.Values;

    public static string Name(CreditEntryKind kind) => KindTable.Name(kind);

    public static string Name(BillingMode mode) => ModeTable.Name(mode);

    public static bool TryParseMode(string? name, out BillingMode mode) => ModeTable.TryParse(name, out mode);

    public static bool TryParse(string? name, out CreditEntryKind kind) => KindTable.TryParse(name, out kind);
}
