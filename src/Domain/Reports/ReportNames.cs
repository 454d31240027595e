namespace Billing.Domain.Reports;

/// <summary>The one table of wire names for report groupings.</summary>
public static class ReportNames
{
    private static readonly NameTable<ReportGrouping> Names =
        new((ReportGrouping.Model, "model"), (ReportGrouping.Provider, "provider"), (ReportGrouping.Day, "day"));

    public static IReadOnlyList<ReportGrouping> Groupings => Names.Values;

    public static string Name(ReportGrouping grouping) => Names.Name(grouping);

    public static string GroupingNames => Names.Join();

    public static bool TryParseGrouping(string? name, out ReportGrouping grouping) => Names.TryParse(name, out grouping);
}
