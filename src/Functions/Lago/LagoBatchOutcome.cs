namespace Billing.Functions.Lago;

/// <summary>What <c>POST /events/batch</c> came to: a closed set to switch on.</summary>
public abstract record LagoBatchOutcome
{
    private LagoBatchOutcome()
    {
    }

    /// <summary>200: every event was accepted (processing is asynchronous; problems surface later in <c>events.errors</c> webhooks).</summary>
    public sealed record Accepted : LagoBatchOutcome;

    /// <summary>
    /// 422: nothing was stored (the batch is all-or-nothing). <see cref="EventErrors"/> maps a batch index to its fields'
    /// error codes (<c>{"0":{"transaction_id":["value_already_exist"]}}</c>); <see cref="OtherErrors"/> keeps keys that
    /// are not indexes (<c>{"events":["too_many_events"]}</c>). <see cref="Code"/> is Lago's <c>code</c>, usually
    /// <c>validation_errors</c>.
    /// </summary>
    public sealed record Rejected(
        string? Code,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<string>>> EventErrors,
        IReadOnlyDictionary<string, IReadOnlyList<string>> OtherErrors) : LagoBatchOutcome
    {
        public const string TransactionIdField = "transaction_id";
        public const string AlreadyExists = "value_already_exist";

        /// <summary>
        /// True when every error in the answer is a repeated <c>transaction_id</c> and there is at least one: drop those
        /// indexes (Lago has them) and resend the other events, which were valid but not stored.
        /// </summary>
        public bool AllAlreadyExist =>
            EventErrors.Count > 0 && OtherErrors.Count == 0 && EventErrors.Keys.All(IsAlreadyExisting);

        /// <summary>True when the event at <paramref name="index"/> failed only as <c>{"transaction_id":["value_already_exist"]}</c>.</summary>
        public bool IsAlreadyExisting(int index) =>
            EventErrors.TryGetValue(index, out var fields)
            && fields.Count == 1
            && fields.TryGetValue(TransactionIdField, out var codes)
            && codes.Count > 0
            && codes.All(c => c == AlreadyExists);
    }

    /// <summary>Throttled, unavailable or refused: see <see cref="LagoFailure"/>.</summary>
    public sealed record Failed(LagoFailure Failure) : LagoBatchOutcome;
}
