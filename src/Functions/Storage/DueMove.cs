using Azure.Data.Tables;

namespace Billing.Functions.Storage;

/// <summary>A due job done: its next due time (null: no more work), and the values its next job carries.</summary>
public sealed record DueMove(string Kind, TableEntity Job, DateTimeOffset? Next, IReadOnlyDictionary<string, object> Values);
