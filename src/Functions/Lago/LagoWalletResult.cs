namespace Billing.Functions.Lago;

/// <summary>What reading one wallet came to.</summary>
public abstract record LagoWalletResult
{
    private LagoWalletResult()
    {
    }

    public sealed record Found(LagoWallet Wallet) : LagoWalletResult;

    /// <summary>404 <c>wallet_not_found</c>: Lago has no wallet with that id.</summary>
    public sealed record NotFound : LagoWalletResult;

    public sealed record Failed(LagoFailure Failure) : LagoWalletResult;
}
