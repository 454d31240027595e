using Billing.Domain.Reconciliation;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>What reconciliation could read of one subject: its <see cref="Figures"/> (when <see cref="Outcome"/> is <see cref="SubjectReadOutcome.Read"/>), or why there are none.</summary>
public sealed record SubjectReading(SubjectId Subject, SubjectReadOutcome Outcome, LedgerFigures? Figures = null);

public enum SubjectReadOutcome
{
    /// <summary>The rows read belong to one version of the state row.</summary>
    Read,

    /// <summary>The state row changed while every attempt read the rows: rows read at different times are not compared.</summary>
    Unsettled,

    /// <summary>The subject has more rows than one request may read for it (<c>Reconcile:MaxRowsPerSubject</c>).</summary>
    TooLarge,
}
