namespace Billing.Domain.Reports;

/// <summary>The one table of wire names for report groupings.</summary>
public static class ReportNames
{
    public static readonly IReadOnlyList<ReportGrouping> Groupings = [ReportGrouping.Model, ReportGrouping.Provider, ReportGrouping.Day];

    public static string Name(ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Day => "day",
        ReportGrouping.Model => "model",
        ReportGrouping.Provider => "provider",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "unknown grouping"),
    };

    public static string GroupingNames => string.Join(", ", Groupings.Select(Name));

    public static bool TryParseGrouping(string? name, out ReportGrouping grouping)
    {
        foreach (var candidate in Groupings)
        {
            if (Name(candidate) == name)
            {
                grouping = candidate;
                return true;
            }
        }
        grouping = default;
        return false;
    }
}
