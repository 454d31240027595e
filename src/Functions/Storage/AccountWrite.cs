namespace Billing.Functions.Storage;

/// <summary>The outcome of an account write: saved, or refused because the account changed since the caller read it.</summary>
public sealed record AccountWrite(SubjectState State, bool IsSaved)
{
    public static AccountWrite Saved(SubjectState state) => new(state, true);

    public static AccountWrite PreconditionFailed(SubjectState current) => new(current, false);
}
