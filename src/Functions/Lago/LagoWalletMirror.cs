using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// Mirrors a customer's Lago wallets into a subject's credits (<see cref="Domain.Credits.CreditBook.MirrorLago"/>), so
/// the check denies when the wallets are depleted. The figure is Lago's <c>credits_ongoing_balance</c> × <c>rate_amount</c>
/// of every active USD wallet that pays for our event code, less the spend Lago had not counted at its last balance
/// refresh (<c>last_balance_sync_at</c>): the events still in the outbox and those Lago confirmed after that refresh.
/// Spend Lago counted is in its figure, so no usage is subtracted twice; between pulls the ledger burns the mirror.
/// </summary>
public sealed class LagoWalletMirror(LagoClient client, CreditStore credits, LagoOutbox outbox, IOptions<LagoOptions> lago, TimeProvider time, ILogger<LagoWalletMirror> logger)
{
    public async Task<LagoRefresh> RefreshAsync(SubjectId subject, string customer, CancellationToken cancellationToken)
    {
        var answer = await client.ListWalletsAsync(customer, cancellationToken);
        if (answer is LagoWalletsResult.Failed failed) return new LagoRefresh(LagoRefreshKind.Failed, LagoStop.Of(failed.Failure));
        var usable = ((LagoWalletsResult.Listed)answer).Wallets.Where(w => Usable(w, customer)).ToList();
        var now = time.GetUtcNow();
        long? figure = usable.Count == 0 ? null : usable.Sum(w => MoneyUnits.ToNanos(MoneyUnits.RoundToNanos(w.CreditsOngoingBalance * w.RateAmount)));
        // Lago never refreshed a wallet without last_balance_sync_at: its figure holds no usage, only the outbox is uncounted.
        var since = usable.Count == 0 ? now : usable.Min(w => w.LastBalanceSyncAt ?? now);
        var changed = await credits.MirrorLagoAsync(subject,
            async token => figure is { } n ? checked(n - await outbox.UncountedNanosAsync(subject, since, token)) : null,
            now, $"lago:{customer}", cancellationToken);
        if (changed is null) return new LagoRefresh(LagoRefreshKind.NoAccount, null);
        if (usable.Count == 0) return new LagoRefresh(LagoRefreshKind.WithoutWallet, null);
        return new LagoRefresh(changed.Value ? LagoRefreshKind.Updated : LagoRefreshKind.Unchanged, null);
    }

    private bool Usable(LagoWallet wallet, string customer)
    {
        string? reason = null;
        if (!wallet.IsActive) return false;
        if (wallet.Currency != "USD") reason = $"its currency is {wallet.Currency}; the ledger is in USD";
        else if (wallet.BillableMetricCodes.Count > 0 && !wallet.BillableMetricCodes.Contains(lago.Value.EventCode))
            reason = $"it pays only for {string.Join(", ", wallet.BillableMetricCodes)}, not {lago.Value.EventCode}";
        if (reason is null) return true;
        LagoLog.WalletIgnored(logger, wallet.LagoId, customer, reason);
        return false;
    }
}

public enum LagoRefreshKind
{
    Updated,
    Unchanged,
    WithoutWallet,
    NoAccount,
    Failed,
}

/// <summary>What a wallet refresh did; <see cref="Failure"/> says why Lago could not be read.</summary>
public sealed record LagoRefresh(LagoRefreshKind Kind, LagoStop? Failure);
