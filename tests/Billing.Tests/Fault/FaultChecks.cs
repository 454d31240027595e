using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Domain.Money;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;

namespace Billing.Tests.Fault;

/// <summary>
/// After the drain: per subject and in total, what the app says (account lifetime, usage report roll-ups, reconcile,
/// credits, the check's windows, Lago's stored events, the emails) against the run's own arithmetic. Every mismatch
/// is a failure in <see cref="FaultFigures.Failures"/>, none is papered over.
/// </summary>
internal sealed class FaultChecks(FaultScenario scenario, FaultFigures figures, HttpClient admin, HttpClient check, LagoStandIn lago, TestSmtpServer smtp, DateTimeOffset now)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await LedgerAsync(cancellationToken);
        await ReconcileAsync(cancellationToken);
        await CreditsAndWindowsAsync(cancellationToken);
        Lago();
        Emails();
        await QuarantineAsync(cancellationToken);
    }

    private async Task LedgerAsync(CancellationToken cancellationToken)
    {
        var from = now.AddDays(-45).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = now.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        decimal total = 0, expectedTotal = 0;
        long requests = 0;
        var subjects = scenario.Subjects.ToList();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (subject, ct) =>
        {
            var events = scenario.Of(subject).ToList();
            var spent = events.Sum(e => MoneyUnits.RoundToNanos(e.Cost));
            var tokens = events.Sum(e => e.PromptTokens + e.CompletionTokens);
            var account = await GetAsync(admin, BillingClient.AccountPath(subject), ct);
            var lifetime = account.GetProperty("lifetime");
            Compare(subject, "lifetime spent", spent, lifetime.GetProperty("spent").GetDecimal());
            Compare(subject, "lifetime requests", events.Count, lifetime.GetProperty("requests").GetInt64());
            Compare(subject, "lifetime prompt tokens", events.Sum(e => e.PromptTokens), lifetime.GetProperty("tokens").GetProperty("prompt").GetInt64());
            Compare(subject, "lifetime completion tokens", events.Sum(e => e.CompletionTokens), lifetime.GetProperty("tokens").GetProperty("completion").GetInt64());

            var report = (await GetAsync(admin, $"{BillingClient.AccountPath(subject)}/usage?from={from}&to={to}", ct)).GetProperty("totals");
            Compare(subject, "roll-up cost", spent, report.GetProperty("cost").GetDecimal());
            Compare(subject, "roll-up requests", events.Count, report.GetProperty("requests").GetInt64());
            Compare(subject, "roll-up tokens", tokens, report.GetProperty("tokens").GetProperty("total").GetInt64());
            lock (figures)
            {
                total += lifetime.GetProperty("spent").GetDecimal();
                expectedTotal += spent;
                requests += lifetime.GetProperty("requests").GetInt64();
            }
        });
        figures.TotalSpent = total;
        Compare("all subjects", "total spent", expectedTotal, total);
        Compare("all subjects", "total requests", scenario.Events.Sum(e => e.Subjects.Count()), requests);
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var response = await admin.PostAsJsonAsync("/api/reconcile", new { limit = 100, continuation }, cancellationToken);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
            if (!response.IsSuccessStatusCode)
            {
                figures.Fail($"reconcile answered {(int)response.StatusCode}: {page}");
                return;
            }
            figures.ReconcileChecked += page.GetProperty("checked").GetInt32();
            foreach (var difference in page.GetProperty("differences").EnumerateArray()) figures.Fail($"reconcile difference: {difference}");
            foreach (var name in new[] { "unsettled", "too_large" })
                if (page.TryGetProperty(name, out var list))
                    foreach (var subject in list.EnumerateArray()) figures.Fail($"reconcile {name}: {subject}");
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        Compare("reconcile", "subjects checked", scenario.Subjects.Count(), figures.ReconcileChecked);
    }

    private async Task CreditsAndWindowsAsync(CancellationToken cancellationToken)
    {
        foreach (var account in scenario.Accounts)
        {
            var spent = scenario.Spent(account.Subject);
            if (account.Grant is { } grant)
            {
                var credits = await GetAsync(admin, BillingClient.AccountPath(account.Subject) + "/credits", cancellationToken);
                Compare(account.Subject, "credit balance (grant − burns)", grant - spent, credits.GetProperty("balance").GetDecimal());
            }
            if (account.HardLimit is not null)
            {
                var colon = account.Subject.IndexOf(':');
                var response = await check.PostAsJsonAsync("/api/check",
                    new { subjects = new Dictionary<string, string> { [account.Subject[..colon]] = account.Subject[(colon + 1)..] }, estimated_cost = 0m }, cancellationToken);
                var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
                var window = answer.GetProperty("subjects")[0].GetProperty("windows").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "total");
                Compare(account.Subject, "check window used", spent, window.GetProperty("used").GetDecimal());
            }
        }
    }

    private void Lago()
    {
        var expected = scenario.LagoEvents();
        var stored = lago.Events;
        figures.LagoEvents = stored.Count;
        figures.ExpectedLagoEvents = expected.Count;
        figures.LagoRequestsFailed = lago.Requests.Count(r => r.Status is null or >= 400);
        foreach (var status in lago.Requests.GroupBy(r => r.Fault is { } fault ? fault.ToString() : r.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer").OrderBy(g => g.Key, StringComparer.Ordinal))
            figures.LagoAnswers[status.Key] = status.Count();
        foreach (var twice in stored.GroupBy(e => e.TransactionId).Where(g => g.Count() > 1)) figures.Fail($"Lago holds {twice.Key} {twice.Count()} times");
        foreach (var e in stored)
        {
            if (!expected.TryGetValue(e.TransactionId, out var want))
            {
                figures.Fail($"Lago holds {e.TransactionId}, which is not billable");
                continue;
            }
            Compare(e.TransactionId, "Lago subscription", want.Subscription, e.ExternalSubscriptionId);
            Compare(e.TransactionId, "Lago amount (cents)", want.Cost * 100m, decimal.Parse(e.PreciseTotalAmountCents ?? "-1", CultureInfo.InvariantCulture));
        }
        var missing = expected.Keys.Except(stored.Select(e => e.TransactionId)).ToList();
        if (missing.Count > 0) figures.Fail($"Lago lacks {missing.Count} billable events, e.g. {string.Join(", ", missing.Take(5))}");
    }

    /// <summary>
    /// One email per crossed threshold: counted as distinct Message-IDs per account (owner address). The app may resend
    /// one Message-ID when a sender died between the server's acceptance and marking it sent (by design); those
    /// resends are reported, not failed. A second Message-ID for the same account and threshold would be a failure.
    /// </summary>
    private void Emails()
    {
        var messages = smtp.Messages;
        figures.EmailsReceived = messages.Count;
        figures.DistinctEmails = messages.Select(m => m.MessageId).Distinct().Count();
        foreach (var account in scenario.Accounts)
        {
            var expected = account.CrossedThresholds(scenario.Spent(account.Subject));
            figures.ExpectedEmails += expected;
            var mine = messages.Where(m => m.To.Mailboxes.Any(a => a.Address == account.Owner)).Select(m => m.MessageId).Distinct().Count();
            Compare(account.Subject, "distinct alert emails", expected, mine);
        }
        var strangers = messages.Count(m => !scenario.Accounts.Any(a => m.To.Mailboxes.Any(x => x.Address == a.Owner)));
        if (strangers > 0) figures.Fail($"{strangers} emails to no account's owner");
    }

    private async Task QuarantineAsync(CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await GetAsync(admin, "/api/quarantine?limit=100" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)), cancellationToken);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                figures.Quarantined++;
                var reason = item.GetProperty("reason").GetString() ?? "";
                reason = reason.Length > 80 ? reason[..80] : reason;
                figures.QuarantineReasons[reason] = figures.QuarantineReasons.GetValueOrDefault(reason) + 1;
            }
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
    }

    private void Compare<T>(string subject, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) figures.Fail($"{subject}: {what} expected {expected}, app says {actual}");
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }
}
