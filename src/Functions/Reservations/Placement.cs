using Billing.Domain.Entitlements;
using Billing.Domain.Reservations;
using Billing.Functions.Storage;

namespace Billing.Functions.Reservations;

/// <summary>
/// One reservation's hold waiting to be placed on one subject, decided at <see cref="Now"/>;
/// <see cref="Result"/> completes when its batch is placed (<see cref="PlacementBatches"/>).
/// </summary>
internal sealed class Placement(Hold hold, CheckEstimate estimate, bool isPayer, DateTimeOffset now)
{
    public Hold Hold { get; } = hold;
    public CheckEstimate Estimate { get; } = estimate;
    public bool IsPayer { get; } = isPayer;
    public DateTimeOffset Now { get; } = now;

    public TaskCompletionSource<Placed> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
