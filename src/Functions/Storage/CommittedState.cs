using Azure;
using Billing.Domain.Accounts;
using Billing.Domain.Ledger;

namespace Billing.Functions.Storage;

/// <summary>A subject's state row as of a read or of this process's last commit to it.</summary>
internal sealed record CommittedState(ETag ETag, SubjectLedger Ledger, Account? Account);
