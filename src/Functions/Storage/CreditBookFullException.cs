namespace Billing.Functions.Storage;

/// <summary>The live grants of a subject no longer fit its state row: void or use some before granting more.</summary>
public sealed class CreditBookFullException(int grants)
    : Exception($"The {grants} grants with credit left do not fit the account's row; void or use some before granting more.");
