namespace Billing.Domain.Budgets;

/// <summary>
/// The wire names of the calendar <see cref="PeriodKind"/>s: <c>daily</c>, <c>weekly</c>, <c>monthly</c>, <c>total</c>.
/// <see cref="PeriodKind.Duration"/> has no name of its own: its wire form is the ISO-8601 duration text.
/// </summary>
public static class PeriodKinds
{
    private static readonly NameTable<PeriodKind> Names =
        new((PeriodKind.Daily, "daily"), (PeriodKind.Weekly, "weekly"), (PeriodKind.Monthly, "monthly"), (PeriodKind.Total, "total"));

    public static IReadOnlyList<PeriodKind> Calendar => Names.Values;

    /// <summary>The calendar names for messages: <c>daily, weekly, monthly, total</c>.</summary>
    public static string CalendarNames { get; } = Names.Join();

    public static string Name(PeriodKind kind) => Names.Name(kind);

    public static bool TryParse(ReadOnlySpan<char> name, out PeriodKind kind) => Names.TryParse(name, out kind);
}
