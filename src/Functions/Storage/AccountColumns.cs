using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Credits;
using Billing.Domain.Money;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>The account columns of a subject's state row: owners, currency, time zone, budget windows (JSON) and a version for ETags.</summary>
internal static class AccountColumns
{
    public static void Write(TableEntity row, Account account, long version)
    {
        row["HasAccount"] = true;
        row["Owners"] = string.Join('\n', account.Owners);
        row["Currency"] = account.Currency.Code;
        row["TimeZone"] = account.TimeZone.Id;
        row["Budgets"] = JsonSerializer.Serialize(account.Budgets.Select(ToStored).ToList(), StorageJsonContext.Default.ListStoredBudget);
        row["AccountVersion"] = version;
        row["BillingMode"] = CreditNames.Name(account.BillingMode);
        row["SuspendBelowNanos"] = account.SuspendBelowNanos;
        // Empty, not null: a merge leaves a column it is given null for as it was, and a link must be clearable.
        row["LagoCustomer"] = account.Lago.ExternalCustomerId ?? "";
        row["LagoSubscription"] = account.Lago.ExternalSubscriptionId ?? "";
    }

    public static long Version(TableEntity row) => row.GetInt64("AccountVersion") ?? 0;

    public static Account? Read(SubjectId subject, TableEntity row)
    {
        if (row.GetBoolean("HasAccount") != true) return null;
        var currency = new Currency(row.GetString("Currency") ?? Currency.Usd.Code);
        var owners = (row.GetString("Owners") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var zoneId = row.GetString("TimeZone");
        var zone = WindowCalendar.TryFindZone(string.IsNullOrEmpty(zoneId) ? "UTC" : zoneId, out var found)
            ? found
            : throw new InvalidDataException($"{subject} has time zone '{zoneId}', which this machine does not know.");
        var stored = JsonSerializer.Deserialize(row.GetString("Budgets") ?? "[]", StorageJsonContext.Default.ListStoredBudget) ?? [];
        var mode = CreditNames.TryParseMode(row.GetString("BillingMode"), out var parsed) ? parsed : BillingMode.Budget;
        return new Account(subject, owners, currency, zone, stored.Select(FromStored).ToList(), mode, row.GetInt64("SuspendBelowNanos") ?? 0,
            new Domain.Lago.LagoLink(Blank(row.GetString("LagoCustomer")), Blank(row.GetString("LagoSubscription"))));
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static StoredBudget ToStored(BudgetWindow window) => new()
    {
        Name = window.Name,
        Period = window.Period.Name,
        Anchor = window.Period.Kind == PeriodKind.Duration ? window.Period.Anchor : null,
        Metric = BudgetNames.Name(window.Metric),
        Limit = window.Limit,
        Mode = BudgetNames.Name(window.Mode),
        Thresholds = window.Thresholds.Select(t => new StoredThreshold { Fraction = t.Fraction, Amount = t.Amount }).ToList(),
        Models = window.Models?.ToList(),
    };

    private static BudgetWindow FromStored(StoredBudget stored)
    {
        if (!WindowPeriod.TryParse(stored.Period, stored.Anchor, out var period, out var error)
            || !BudgetNames.TryParseMetric(stored.Metric, out var metric) || !BudgetNames.TryParseMode(stored.Mode, out var mode))
            throw new InvalidDataException($"stored budget window '{stored.Name}' is invalid: {error ?? "metric or mode"}");
        var thresholds = stored.Thresholds.Select(t => t.Fraction is { } f ? AlertThreshold.OfFraction(f) : AlertThreshold.OfAmount(t.Amount ?? 0)).ToList();
        return new BudgetWindow(stored.Name, period, metric, stored.Limit, mode, thresholds, stored.Models);
    }
}
