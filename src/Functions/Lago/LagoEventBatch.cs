namespace Billing.Functions.Lago;

/// <summary>The body of <c>POST /events/batch</c> (spec <c>EventBatchInput</c>).</summary>
internal sealed record LagoEventBatch(IReadOnlyList<LagoEvent> Events);
