using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Money;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// The <c>manual</c> table: one row per manual entry id, inserted before the entry reaches the ledger. The ledger
/// guards (event, subject) pairs; this row guards the id, so the same id cannot reach other subjects with another
/// body. The row holds the priced event, so a retry applies exactly what the first request meant to.
/// </summary>
public sealed class ManualEntryStore(BillingTables tables)
{
    private const string RowKey = "entry";

    /// <summary>Records <paramref name="entry"/> unless its id was recorded before; answers the entry that stands, ours or the earlier one.</summary>
    public async Task<ManualEntry> AddAsync(ManualEntry entry, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        try
        {
            await tables.Manual.AddEntityAsync(ToRow(entry), cancellationToken);
            return entry;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            var stored = await tables.Manual.GetEntityAsync<TableEntity>(PartitionKey(entry.Usage.Id), RowKey, cancellationToken: cancellationToken);
            return Read(stored.Value);
        }
    }

    private static string PartitionKey(UsageEventId id) => TableKeys.Encode(id.Value);

    private static TableEntity ToRow(ManualEntry entry)
    {
        var usage = entry.Usage;
        return new TableEntity(PartitionKey(usage.Id), RowKey)
        {
            ["Id"] = usage.Id.Value,
            ["BodyHash"] = entry.BodyHash,
            ["Subjects"] = JsonSerializer.Serialize(usage.Subjects.Select(s => s.ToString()).ToArray(), Json.BillingJsonContext.Default.StringArray),
            ["Status"] = usage.Status == UsageStatus.Success ? "success" : "failure",
            ["At"] = usage.OccurredAtEpochSeconds,
            ["Model"] = usage.Model,
            ["Provider"] = usage.Provider,
            ["Prompt"] = usage.Tokens.Prompt,
            ["Completion"] = usage.Tokens.Completion,
            ["Cached"] = usage.Tokens.CachedPrompt,
            ["Reasoning"] = usage.Tokens.Reasoning,
            ["CostNanos"] = MoneyUnits.ToNanos(usage.Cost),
            ["PriceSource"] = PriceSources.Name(usage.PriceSource),
        };
    }

    private static ManualEntry Read(TableEntity row)
    {
        var subjects = JsonSerializer.Deserialize(row.GetString("Subjects") ?? "[]", Json.BillingJsonContext.Default.StringArray) ?? [];
        var parsed = subjects.Select(s => SubjectId.TryParse(s, out var subject) ? subject : throw Corrupt(row, "Subjects")).ToList();
        if (!PriceSources.TryParse(row.GetString("PriceSource"), out var source)) throw Corrupt(row, "PriceSource");
        var usage = new UsageEvent(
            new UsageEventId(row.GetString("Id") ?? throw Corrupt(row, "Id")),
            row.GetString("Status") == "failure" ? UsageStatus.Failure : UsageStatus.Success,
            row.GetInt64("At") ?? throw Corrupt(row, "At"),
            row.GetString("Model") ?? throw Corrupt(row, "Model"),
            row.GetString("Provider"),
            new TokenCounts(row.GetInt64("Prompt") ?? 0, row.GetInt64("Completion") ?? 0, row.GetInt64("Cached") ?? 0, row.GetInt64("Reasoning") ?? 0),
            MoneyUnits.FromNanos(row.GetInt64("CostNanos") ?? 0),
            cacheHit: false,
            parsed,
            source);
        return new ManualEntry(usage, row.GetString("BodyHash") ?? "");
    }

    private static InvalidOperationException Corrupt(TableEntity row, string column) =>
        new($"Manual entry row {row.PartitionKey} has no valid {column}.");
}
