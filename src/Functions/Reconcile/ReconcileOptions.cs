using System.ComponentModel.DataAnnotations;
using Billing.Functions.Storage;

namespace Billing.Functions.Reconcile;

public sealed class ReconcileOptions
{
    public const string SectionName = "Reconcile";

    /// <summary>Rows one request reads for one subject (re-reads included) before it lists the subject as <c>too_large</c>.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRowsPerSubject { get; set; } = LedgerFiguresStore.DefaultMaxRowsPerSubject;
}
