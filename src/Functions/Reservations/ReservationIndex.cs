using Azure;
using Azure.Data.Tables;
using Billing.Domain.Subjects;
using Billing.Functions.Storage;

namespace Billing.Functions.Reservations;

/// <summary>
/// Which subjects hold a reservation, so <c>DELETE /api/reservations/{id}</c> finds them: one row per reservation in
/// the <c>reservations</c> table (partition <c>r</c>). Written while the holds are placed; a lost row only means the
/// holds end by expiry instead of by release.
/// </summary>
public sealed class ReservationIndex(BillingTables tables)
{
    private const string Partition = "r";

    public async Task PutAsync(string id, IReadOnlyList<SubjectId> subjects, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = new TableEntity(Partition, TableKeys.Encode(id))
        {
            ["Id"] = id,
            ["Subjects"] = string.Join('\n', subjects),
            ["ExpiresAt"] = expiresAt,
        };
        await tables.Reservations.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<SubjectId>?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Reservations.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(id), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } found) return null;
        return (found.GetString("Subjects") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => SubjectId.TryParse(s, out var subject) ? subject : (SubjectId?)null).OfType<SubjectId>().ToList();
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Reservations.DeleteEntityAsync(Partition, TableKeys.Encode(id), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
