namespace Billing.Domain.Lago;

/// <summary>What became of an outbox event: Lago stored it now, had it already (a resend), or refused it (parked for operators).</summary>
public enum LagoOutcome
{
    Pushed,
    AlreadyInLago,
    Parked,
}

/// <summary>The one table of the outcomes' wire names.</summary>
public static class LagoOutcomes
{
    private static readonly NameTable<LagoOutcome> Table = new(
        (LagoOutcome.Pushed, "pushed"), (LagoOutcome.AlreadyInLago, "already_in_lago"), (LagoOutcome.Parked, "parked"));

    public static string Name(LagoOutcome outcome) => Table.Name(outcome);

    public static bool TryParse(string? name, out LagoOutcome outcome) => Table.TryParse(name, out outcome);

    /// <summary>Whether Lago holds the event (and will bill it).</summary>
    public static bool InLago(this LagoOutcome outcome) => outcome != LagoOutcome.Parked;
}
