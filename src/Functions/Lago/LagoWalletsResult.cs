namespace Billing.Functions.Lago;

/// <summary>What listing a customer's wallets came to.</summary>
public abstract record LagoWalletsResult
{
    private LagoWalletsResult()
    {
    }

    /// <summary>Every wallet of the customer, all pages, in Lago's order; empty when the customer has none or is unknown to Lago.</summary>
    public sealed record Listed(IReadOnlyList<LagoWallet> Wallets) : LagoWalletsResult;

    public sealed record Failed(LagoFailure Failure) : LagoWalletsResult;
}
