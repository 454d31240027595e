using Billing.Domain.Usage;

namespace Billing.Functions.Storage;

/// <summary>
/// A manual usage entry as it was first recorded: the priced event it stands for and a hash of the request that
/// entered it (<see cref="BodyHash"/>), so the same id with another body can be told from a retry of the same one.
/// </summary>
public sealed record ManualEntry(UsageEvent Usage, string BodyHash);
