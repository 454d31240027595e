using System.Globalization;
using Azure.Data.Tables;
using Billing.Domain.Prices;

namespace Billing.Functions.Storage;

/// <summary>
/// A model's row in the <c>prices</c> table: one partition, RowKey the encoded model name (the full name is a
/// property), prices as exact decimal text in USD per million tokens (never a double), cached and reasoning prices
/// as they apply (their defaults resolved).
/// </summary>
internal static class PriceRow
{
    public const string PartitionKey = "price";

    public static string RowKey(string model) => TableKeys.Encode(model);

    public static TableEntity Create(StoredPrice stored) => new(PartitionKey, RowKey(stored.Model))
    {
        ["Model"] = stored.Model,
        ["InputPerMillion"] = Text(stored.Price.InputPerMillion),
        ["OutputPerMillion"] = Text(stored.Price.OutputPerMillion),
        ["CachedInputPerMillion"] = Text(stored.Price.CachedInputPerMillion),
        ["ReasoningPerMillion"] = Text(stored.Price.ReasoningPerMillion),
        ["UpdatedAt"] = stored.UpdatedAt,
    };

    public static StoredPrice Read(TableEntity row)
    {
        var model = row.GetString("Model") ?? throw Corrupt(row, "Model");
        var price = new ModelPrice(
            Number(row, "InputPerMillion"),
            Number(row, "OutputPerMillion"),
            Number(row, "CachedInputPerMillion"),
            Number(row, "ReasoningPerMillion"));
        return new StoredPrice(model, price, row.GetDateTimeOffset("UpdatedAt") ?? throw Corrupt(row, "UpdatedAt"));
    }

    private static string Text(decimal perMillion) => perMillion.ToString(CultureInfo.InvariantCulture);

    private static decimal Number(TableEntity row, string column) =>
        decimal.TryParse(row.GetString(column), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && ModelPrice.IsValid(value)
            ? value
            : throw Corrupt(row, column);

    private static InvalidDataException Corrupt(TableEntity row, string column) =>
        new($"Price row {row.RowKey} has no valid {column}.");
}
