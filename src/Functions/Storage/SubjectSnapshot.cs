using Billing.Domain.Accounts;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;

namespace Billing.Functions.Storage;

/// <summary>One subject as stored: its account (null: none) and its ledger (null: no usage yet).</summary>
public sealed record SubjectSnapshot(SubjectId Subject, Account? Account, SubjectLedger? Ledger)
{
    public bool Exists => Account is not null || Ledger is not null;
}
