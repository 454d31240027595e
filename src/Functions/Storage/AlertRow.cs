using System.Text.Json;
using Azure.Data.Tables;
using Billing.Domain.Alerts;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The alert marker in a subject's partition (RowKey <c>a|&lt;window&gt;|&lt;span start&gt;|&lt;threshold&gt;</c>), inserted
/// in the same transaction as the spend that crossed the threshold, so a crossing exists exactly when the spend does.
/// The span start is kept to the tick, so each reset of a window is a span of its own.
/// It keeps the figures of the moment and the delivery state: <c>pending</c>, <c>sending</c> (claimed until
/// <c>ClaimUntil</c>), <c>sent</c> or <c>no_recipients</c>.
/// </summary>
internal static class AlertRow
{
    public const string Prefix = "a|";
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string NoRecipients = "no_recipients";

    public static string RowKey(string window, DateTimeOffset spanStart, string thresholdKey) =>
        $"{Prefix}{window}|{spanStart.UtcDateTime:yyyyMMddTHHmmss.fffffffZ}|{thresholdKey}";

    public static string RowKey(AlertCrossing crossing) => RowKey(crossing.Window, crossing.SpanStart, crossing.ThresholdKey);

    public static TableEntity Create(AlertCrossing crossing) => new(SubjectRow.PartitionKey(crossing.Subject), RowKey(crossing))
    {
        ["Subject"] = crossing.Subject.ToString(),
        ["Window"] = crossing.Window,
        ["Period"] = crossing.Period,
        ["Metric"] = BudgetNames.Name(crossing.Metric),
        ["Mode"] = BudgetNames.Name(crossing.Mode),
        ["Threshold"] = crossing.ThresholdKey,
        ["ThresholdLabel"] = crossing.ThresholdLabel,
        ["Used"] = crossing.Used.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limit"] = crossing.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SpanStart"] = crossing.SpanStart,
        ["PeriodStart"] = crossing.PeriodStart,
        ["PeriodEnd"] = crossing.PeriodEnd,
        ["TimeZone"] = crossing.TimeZone,
        ["TopModels"] = JsonSerializer.Serialize(
            LedgerColumns.ToStored(new UsageBreakdown(UsageCounters.Zero, crossing.TopModels)).Models, StorageJsonContext.Default.ListStoredModel),
        ["Status"] = Pending,
        ["Attempts"] = 0,
    };

    public static AlertCrossing Read(TableEntity row)
    {
        if (!SubjectId.TryParse(row.GetString("Subject"), out var subject) || !BudgetNames.TryParseMetric(row.GetString("Metric"), out var metric)
            || !BudgetNames.TryParseMode(row.GetString("Mode"), out var mode))
            throw new InvalidDataException($"alert marker {row.RowKey} is invalid");
        var models = LedgerColumns.ReadModels(UsageCounters.Zero, row.GetString("TopModels")).Models;
        return new AlertCrossing(subject, row.GetString("Window") ?? "", row.GetString("Period") ?? "", metric, mode,
            row.GetString("Threshold") ?? "", row.GetString("ThresholdLabel") ?? "",
            decimal.Parse(row.GetString("Used") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(row.GetString("Limit") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            row.GetDateTimeOffset("SpanStart") ?? default, row.GetDateTimeOffset("PeriodStart") ?? default, row.GetDateTimeOffset("PeriodEnd"),
            row.GetString("TimeZone") ?? "UTC", models);
    }

    /// <summary>
    /// The markers of each window whose span started at or after its <c>since</c> (the current period's start), with
    /// their delivery status: one query in the subject's partition, one key range per window, oldest span first.
    /// </summary>
    public static async Task<List<(AlertCrossing Crossing, string Status, DateTimeOffset? SentAt)>> ReadSinceAsync(
        TableClient table, SubjectId subject, IReadOnlyList<(string Window, DateTimeOffset Since)> windows, CancellationToken cancellationToken)
    {
        var found = new List<(AlertCrossing, string, DateTimeOffset?)>();
        if (windows.Count == 0) return found;
        var partition = SubjectRow.PartitionKey(subject);
        var ranges = windows.Select(w => "(" + TableClient.CreateQueryFilter(
            $"RowKey ge {RowKey(w.Window, w.Since, "")[..^1]} and RowKey lt {Prefix + w.Window + "}"}") + ")");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" + string.Join(" or ", ranges) + ")";
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var crossing = Read(row);
            // The key ranges are exact for the names accounts allow; the check below keeps it exact for any name.
            if (windows.Any(w => w.Window == crossing.Window && crossing.SpanStart >= w.Since))
                found.Add((crossing, row.GetString("Status") ?? Pending, row.GetDateTimeOffset("SentAt")));
        }
        return found;
    }
}
