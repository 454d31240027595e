using Azure.Data.Tables;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>
/// The roll-up of one past UTC hour in a subject's partition (RowKey <c>r|2026112213</c>): totals as columns and the
/// per-model breakdown as JSON. Reports and new budget windows read ranges of them with one query per 1,000 hours.
/// </summary>
internal static class RollupRow
{
    public const string Prefix = "r|";
    private const string Format = "yyyyMMddHH";

    public static string RowKey(DateTimeOffset hour) => Prefix + hour.UtcDateTime.ToString(Format);

    public static TableEntity Create(SubjectId subject, HourBucket bucket)
    {
        var row = new TableEntity(SubjectRow.PartitionKey(subject), RowKey(bucket.Start))
        {
            ["Subject"] = subject.ToString(),
            ["Hour"] = bucket.Start,
            ["Models"] = LedgerColumns.WriteModels(bucket.Usage),
        };
        SubjectRow.WriteCounters(row, "", bucket.Usage.Total);
        return row;
    }

    public static HourBucket Read(TableEntity row) =>
        new(row.GetDateTimeOffset("Hour") ?? throw new InvalidDataException($"roll-up {row.RowKey} has no hour"),
            LedgerColumns.ReadModels(SubjectRow.ReadCounters(row, ""), row.GetString("Models")));

    /// <summary>The hours in [from, to), oldest first: one range query in the subject's partition.</summary>
    public static async Task<List<HourBucket>> ReadRangeAsync(TableClient table, SubjectId subject, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var partition = SubjectRow.PartitionKey(subject);
        var (low, high) = (RowKey(HourBucket.HourOf(from)), RowKey(HourBucket.HourOf(to)));
        var hours = new List<HourBucket>();
        var filter = TableKeys.Range(partition, low, high);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            hours.Add(Read(row));
        return hours;
    }
}
