using System.Net.Mail;
using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Entitlements;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Billing.Functions.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Accounts;

/// <summary>Creates, updates and reads accounts. Usage accrues with or without an account.</summary>
public sealed class AccountHandler(SubjectStore store, TimeProvider time)
{
    /// <summary>Costs arrive from LiteLLM in USD and no exchange rates are configured, so budgets are in USD.</summary>
    public static readonly Currency LedgerCurrency = Currency.Usd;

    private const decimal MaxLimit = 1_000_000_000m;

    public async Task<(AccountResponse? Response, ProblemDetails? Problem)> PutAsync(SubjectId subject, AccountRequest? request, CancellationToken cancellationToken)
    {
        var (account, problem) = Validate(subject, request);
        if (problem is not null) return (null, problem);
        await store.SaveAccountAsync(account!, cancellationToken);
        return (await GetAsync(subject, cancellationToken), null);
    }

    public async Task<AccountResponse?> GetAsync(SubjectId subject, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadAsync(subject, cancellationToken);
        return snapshot.Exists ? ToResponse(snapshot, time.GetUtcNow()) : null;
    }

    private static (Account? Account, ProblemDetails? Problem) Validate(SubjectId subject, AccountRequest? request)
    {
        if (request is null) return (null, BillingProblems.Field("body", "is missing; expected {\"owners\": [...], \"budget\": {...}}"));
        var owners = request.Owners ?? [];
        for (var i = 0; i < owners.Count; i++)
        {
            if (owners[i] is not { Length: <= 254 } email || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
                return (null, BillingProblems.Field($"owners[{i}]", "is not an email address"));
        }
        var code = request.Currency ?? LedgerCurrency.Code;
        if (!Currency.IsValidCode(code)) return (null, BillingProblems.Field("currency", "must be a three-letter ISO 4217 code"));
        var currency = new Currency(code);
        if (currency != LedgerCurrency)
            return (null, BillingProblems.Field("currency", $"must be {LedgerCurrency}: LiteLLM reports costs in {LedgerCurrency} and no exchange rates are configured"));

        Budget? budget = null;
        if (request.Budget is { } given)
        {
            if (given.Limit is not { } limit) return (null, BillingProblems.Field("budget.limit", "is required"));
            if (limit < 0 || limit > MaxLimit) return (null, BillingProblems.Field("budget.limit", $"must be between 0 and {MaxLimit}"));
            if (limit != MoneyUnits.RoundToNanos(limit)) return (null, BillingProblems.Field("budget.limit", "must have at most nine decimals"));
            if (!TryParsePeriod(given.Period, out var period))
                return (null, BillingProblems.Field("budget.period", "must be daily, weekly, monthly or total"));
            budget = new Budget(new Money(limit, currency), period);
        }
        return (new Account(subject, owners.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), currency, budget), null);
    }

    private static bool TryParsePeriod(string? text, out BudgetPeriod period)
    {
        period = text switch
        {
            "daily" => BudgetPeriod.Daily,
            "weekly" => BudgetPeriod.Weekly,
            "monthly" => BudgetPeriod.Monthly,
            "total" => BudgetPeriod.Total,
            _ => (BudgetPeriod)(-1),
        };
        return Enum.IsDefined(period);
    }

    private static AccountResponse ToResponse(SubjectSnapshot snapshot, DateTimeOffset now)
    {
        var standing = SubjectStanding.Of(snapshot.Subject, snapshot.Account, snapshot.Ledger, now);
        var lifetime = snapshot.Ledger?.Lifetime ?? default;
        var budget = snapshot.Account?.Budget;
        return new AccountResponse(
            snapshot.Subject.ToString(),
            snapshot.Account is not null,
            snapshot.Account?.Owners ?? [],
            standing.Currency.Code,
            budget is null ? null : new BudgetResponse(budget.Limit.Amount, PeriodName(budget.Period)),
            new CurrentPeriodResponse(PeriodName(standing.Period.Period), standing.Period.Start, standing.Period.End),
            standing.Spent,
            standing.Remaining,
            standing.Usage.Requests,
            Tokens(standing.Usage.Tokens),
            new LifetimeResponse(MoneyUnits.FromNanos(lifetime.SpentNanos), lifetime.Requests, Tokens(lifetime.Tokens)));
    }

    private static TokensResponse Tokens(Domain.Usage.TokenCounts t) => new(t.Prompt, t.Completion, t.CachedPrompt, t.Reasoning, t.Total);

    private static string PeriodName(BudgetPeriod period) => period.ToString().ToLowerInvariant();
}
