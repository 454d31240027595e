using System.Net.Mail;
using System.Text.Json;
using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Money;
using Billing.Domain.Subjects;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Accounts;

/// <summary>Turns a PUT body into an <see cref="Account"/>, or a 400 problem naming the first bad field by its JSON path.</summary>
internal static class AccountValidator
{
    /// <summary>Costs arrive from LiteLLM in USD and no exchange rates are configured, so budgets are in USD.</summary>
    public static readonly Currency LedgerCurrency = Currency.Usd;

    public const decimal MaxLimit = 1_000_000_000_000m;

    public static Validated<Account> Validate(SubjectId subject, AccountRequest? request)
    {
        if (request is null) return Problem("body", "is missing; expected {\"owners\": [...], \"time_zone\": \"...\", \"budgets\": [...]}");
        if (request.Budget is not null)
            return Problem("budget", "is replaced by \"budgets\": a list of windows such as [{\"name\": \"monthly\", \"period\": \"monthly\", \"limit\": 50}]");
        var owners = request.Owners ?? [];
        for (var i = 0; i < owners.Count; i++)
        {
            if (owners[i] is not { Length: <= 254 } email || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
                return Problem($"owners[{i}]", "is not an email address");
        }
        var code = request.Currency ?? LedgerCurrency.Code;
        if (!Currency.IsValidCode(code)) return Problem("currency", "must be a three-letter ISO 4217 code");
        var currency = new Currency(code);
        if (currency != LedgerCurrency)
            return Problem("currency", $"must be {LedgerCurrency}: LiteLLM reports costs in {LedgerCurrency} and no exchange rates are configured");
        if (!WindowCalendar.TryFindZone(request.TimeZone ?? "UTC", out var zone))
            return Problem("time_zone", $"'{Clip(request.TimeZone)}' is not an IANA time zone such as Europe/Berlin or UTC");

        var given = request.Budgets ?? [];
        if (given.Count > Account.MaxWindows) return Problem("budgets", $"must have at most {Account.MaxWindows} windows");
        var windows = new List<BudgetWindow>();
        for (var i = 0; i < given.Count; i++)
        {
            var window = ValidateWindow($"budgets[{i}]", given[i]);
            if (window.Problem is not null) return new(null, window.Problem);
            if (windows.Any(w => w.Name.Equals(window.Value!.Name, StringComparison.OrdinalIgnoreCase)))
                return Problem($"budgets[{i}].name", $"'{window.Value!.Name}' is used by another window");
            windows.Add(window.Value!);
        }
        var mode = Domain.Credits.BillingMode.Budget;
        if (request.BillingMode is not null && !Domain.Credits.CreditNames.TryParseMode(request.BillingMode, out mode))
            return Problem("billing_mode", "must be budget or prepaid");
        var suspendBelow = request.SuspendBelow ?? 0m;
        if (suspendBelow < -MaxLimit || suspendBelow > MaxLimit || suspendBelow != MoneyUnits.RoundToNanos(suspendBelow))
            return Problem("suspend_below", $"must be between -{MaxLimit} and {MaxLimit} with at most nine decimals");
        var lago = Domain.Lago.LagoLink.Default;
        if (request.Lago is { } link)
        {
            if (link.ExternalSubscriptionId is { } sub && !Domain.Lago.LagoLink.IsValidId(sub))
                return Problem("lago.external_subscription_id", $"must be 1 to {Domain.Lago.LagoLink.MaxIdLength} characters, no control characters or surrounding spaces");
            if (link.ExternalCustomerId is { } customer && !Domain.Lago.LagoLink.IsValidId(customer))
                return Problem("lago.external_customer_id", $"must be 1 to {Domain.Lago.LagoLink.MaxIdLength} characters, no control characters or surrounding spaces");
            lago = new Domain.Lago.LagoLink(link.ExternalCustomerId, link.ExternalSubscriptionId);
        }
        return new(new Account(subject, owners.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), currency, zone, windows,
            mode, MoneyUnits.ToNanos(suspendBelow), lago), null);
    }

    private static Validated<BudgetWindow> ValidateWindow(string path, BudgetRequest? given)
    {
        if (given is null) return Problem<BudgetWindow>(path, "must be an object");
        if (!BudgetWindow.IsValidName(given.Name))
            return Problem<BudgetWindow>($"{path}.name", $"is required: 1 to {BudgetWindow.MaxNameLength} letters, digits, '-', '_' or '.'");
        if (!WindowPeriod.TryParse(given.Period, given.Anchor, out var period, out var periodError))
            return Problem<BudgetWindow>(given.Anchor is not null && periodError?.Contains("anchor") == true ? $"{path}.anchor" : $"{path}.period", periodError ?? "is invalid");
        var metric = BudgetMetric.Cost;
        if (given.Metric is not null && !BudgetNames.TryParseMetric(given.Metric, out metric))
            return Problem<BudgetWindow>($"{path}.metric", $"must be {BudgetNames.MetricNames}");
        var mode = BudgetMode.Hard;
        if (given.Mode is not null && !BudgetNames.TryParseMode(given.Mode, out mode))
            return Problem<BudgetWindow>($"{path}.mode", $"must be {BudgetNames.ModeNames}");
        if (given.Limit is not { } limit) return Problem<BudgetWindow>($"{path}.limit", "is required");
        if (limit < 0 || limit > MaxLimit) return Problem<BudgetWindow>($"{path}.limit", $"must be between 0 and {MaxLimit}");
        if (metric == BudgetMetric.Cost && limit != MoneyUnits.RoundToNanos(limit)) return Problem<BudgetWindow>($"{path}.limit", "must have at most nine decimals");
        if (metric != BudgetMetric.Cost && limit != decimal.Truncate(limit)) return Problem<BudgetWindow>($"{path}.limit", $"must be a whole number of {BudgetNames.Name(metric)}");
        var thresholds = ValidateThresholds($"{path}.alert_thresholds", given.AlertThresholds);
        if (thresholds.Problem is not null) return new(null, thresholds.Problem);
        if (given.Models is { } models)
        {
            if (models.Count is 0 or > BudgetWindow.MaxModels) return Problem<BudgetWindow>($"{path}.models", $"must list 1 to {BudgetWindow.MaxModels} models, or be left out for all models");
            var blank = models.FindIndex(string.IsNullOrWhiteSpace);
            if (blank >= 0) return Problem<BudgetWindow>($"{path}.models[{blank}]", "must be a model name");
        }
        return new(new BudgetWindow(given.Name!, period, metric, limit, mode, thresholds.Value!, given.Models?.Distinct(StringComparer.OrdinalIgnoreCase).ToList()), null);
    }

    private static Validated<IReadOnlyList<AlertThreshold>> ValidateThresholds(string path, List<JsonElement>? given)
    {
        if (given is null) return new(AlertThreshold.Defaults, null);
        if (given.Count > 10) return Problem<IReadOnlyList<AlertThreshold>>(path, "must have at most 10 thresholds");
        var thresholds = new List<AlertThreshold>();
        for (var i = 0; i < given.Count; i++)
        {
            var element = given[i];
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var fraction))
            {
                if (fraction <= 0 || fraction > AlertThreshold.MaxFraction)
                    return Problem<IReadOnlyList<AlertThreshold>>($"{path}[{i}]", $"must be a fraction of the limit in (0, {AlertThreshold.MaxFraction}], such as 0.8");
                thresholds.Add(AlertThreshold.OfFraction(fraction));
            }
            else if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("amount", out var amount)
                && amount.ValueKind == JsonValueKind.Number && amount.TryGetDecimal(out var value) && value > 0 && value <= MaxLimit)
            {
                thresholds.Add(AlertThreshold.OfAmount(value));
            }
            else return Problem<IReadOnlyList<AlertThreshold>>($"{path}[{i}]", "must be a fraction such as 0.8 or an amount such as {\"amount\": 150}");
        }
        return new(thresholds.DistinctBy(t => t.Key).ToList(), null);
    }

    private static string Clip(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;

    private static Validated<Account> Problem(string field, string message) => Problem<Account>(field, message);

    private static Validated<T> Problem<T>(string field, string message) => new(default, BillingProblems.Field(field, message));
}
