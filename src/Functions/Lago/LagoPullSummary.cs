namespace Billing.Functions.Lago;

/// <summary>
/// What one <c>LagoPull</c> run did: accounts linked to Lago that it looked at, mirrors it changed, accounts with no
/// usable wallet, and accounts it could not refresh (Lago failed or throttled; <see cref="Stopped"/> says why).
/// </summary>
public sealed record LagoPullSummary(int Accounts, int Updated, int WithoutWallet, int Failed)
{
    public bool Configured { get; init; } = true;

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? Stopped { get; init; }
}
