namespace Billing.Domain.Reports;

/// <summary>How a usage report splits its totals. Wire names are in <see cref="ReportNames"/>.</summary>
public enum ReportGrouping
{
    /// <summary>Local days of the account's time zone, oldest first.</summary>
    Day,

    /// <summary>Models, by spend.</summary>
    Model,

    /// <summary>Providers, by spend.</summary>
    Provider,
}
