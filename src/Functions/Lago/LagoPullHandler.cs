using System.Text.Json;
using Billing.Domain.Subjects;
using Billing.Functions.Json;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Lago;

/// <summary>
/// The <c>LagoPull</c> timer: for every account linked to Lago (its subject is of the charged kind, or it names a Lago
/// customer or subscription), reads the customer's wallets and mirrors them (<see cref="LagoWalletMirror"/>). Pages
/// through the accounts index, never the ledger. An account Lago refuses, or that cannot be mirrored, is counted and
/// skipped; a 429 or Lago being unreachable ends the run, and the next run after the wait starts again.
/// </summary>
public sealed class LagoPullHandler(
    AccountIndex accounts,
    SubjectStore store,
    LagoWalletMirror mirror,
    LagoSyncStore sync,
    IOptions<LagoOptions> lago,
    IOptions<LagoPullOptions> options,
    TimeProvider time,
    ILogger<LagoPullHandler> logger) : ITimerJob
{
    private const string LeaseName = "pull";

    public string Name => "LagoPull";

    public string Schedule => options.Value.Schedule;

    public async Task<JsonElement> RunAsync(TimerRun run, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeToElement(await PullAsync(cancellationToken), BillingJsonContext.Default.LagoPullSummary);

    private async Task<LagoPullSummary> PullAsync(CancellationToken cancellationToken)
    {
        if (lago.Value.Charge is not { } charge) return new LagoPullSummary(0, 0, 0, 0) { Configured = false };
        var now = time.GetUtcNow();
        var lease = await sync.TryLeaseAsync(LeaseName, now, now + options.Value.LeaseFor, cancellationToken);
        if (lease is null) return new LagoPullSummary(0, 0, 0, 0) { Stopped = "another instance is pulling" };
        try
        {
            if (lease.NotBefore is { } notBefore && notBefore > now)
                return new LagoPullSummary(0, 0, 0, 0) { NextAttemptAt = notBefore, Stopped = "waiting for Lago" };
            int seen = 0, updated = 0, withoutWallet = 0, failed = 0;
            string? after = null;
            do
            {
                var page = await accounts.ListAsync("", 1000, after, cancellationToken);
                foreach (var listing in page.Accounts)
                {
                    if (!SubjectId.TryParse(listing.Subject, out var subject)) continue;
                    if ((await store.ReadAsync(subject, cancellationToken)).Account is not { } account) continue;
                    if (subject.Kind != charge.ChargeBy && account.Lago.IsDefault) continue;
                    seen++;
                    LagoRefresh refresh;
                    try
                    {
                        refresh = await mirror.RefreshAsync(subject, account.Lago.CustomerOf(subject), cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One account that cannot be mirrored (contention, a wallet that does not read) does not hold up the rest.
                        LagoLog.PullFailed(logger, subject.ToString(), $"{e.GetType().Name}: {e.Message}");
                        failed++;
                        continue;
                    }
                    if (refresh.Failure is { } stop)
                    {
                        LagoLog.PullFailed(logger, subject.ToString(), stop.Reason);
                        failed++;
                        if (stop.Kind == LagoStopKind.Refused) continue; // about this customer; the next one may be fine
                        // Throttled or unreachable: every other account would fail the same way. Wait, then start again.
                        var next = time.GetUtcNow() + (stop.RetryAfter ?? options.Value.Backoff);
                        lease.Failed(next, lease.Attempts + 1, stop.Reason);
                        return new LagoPullSummary(seen, updated, withoutWallet, failed) { Stopped = stop.Reason, NextAttemptAt = next };
                    }
                    if (refresh.Kind == LagoRefreshKind.Updated) updated++;
                    if (refresh.Kind == LagoRefreshKind.WithoutWallet) withoutWallet++;
                }
                after = page.After;
            }
            while (after is not null);
            lease.Succeeded();
            return new LagoPullSummary(seen, updated, withoutWallet, failed);
        }
        finally
        {
            await sync.ReleaseAsync(lease, CancellationToken.None);
        }
    }
}
