using System.Text;

namespace Billing.Tests.Fault;

/// <summary>What one fault run did and found; <see cref="Failures"/> empty means the ledger and the run's arithmetic agree.</summary>
public sealed class FaultFigures
{
    public int Seed { get; init; }
    public int Events { get; init; }
    public int Deliveries { get; init; }
    public int Batches { get; init; }
    public int Subjects { get; init; }
    public int Accounts { get; init; }
    public int LateEvents { get; init; }
    public int ConsumersA { get; init; }
    public int ConsumersB { get; init; }
    public int Kills;
    public int AppRestarts;
    public int AzuriteRestarts;
    public int HarnessRetries;
    public int LagoFaultsInjected;
    public TimeSpan LagoDowntime;
    public TimeSpan SmtpDowntime;
    public int LagoRequestsFailed;
    public int LagoEvents;
    public int ExpectedLagoEvents;
    public int EmailsReceived;
    public int DistinctEmails;
    public int ExpectedEmails;
    public int Quarantined;
    public Dictionary<string, int> QuarantineReasons { get; } = [];
    public Dictionary<string, int> LagoAnswers { get; } = [];
    public TimeSpan PostingTime;
    public TimeSpan DrainTime;
    public TimeSpan WallTime;
    public decimal TotalSpent;
    public int ReconcileChecked;
    public List<string> Log { get; } = [];
    public List<string> Failures { get; } = [];

    public int Duplicates => Deliveries - Events;

    public void Fail(string failure)
    {
        lock (Failures) Failures.Add(failure);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Fault run, seed {Seed}");
        text.AppendLine($"  events {Events} ({LateEvents} in closed periods), deliveries {Deliveries} in {Batches} webhook posts, duplicates {Duplicates}");
        text.AppendLine($"  subjects {Subjects}, accounts {Accounts}, ledger total {TotalSpent} USD");
        text.AppendLine($"  consumers {ConsumersA} + {ConsumersB} on two instances, both running the timers");
        text.AppendLine($"  kills (SIGKILL) {Kills}, app restarts {AppRestarts}, Azurite restarts {AzuriteRestarts}, harness retries {HarnessRetries}");
        text.AppendLine($"  Lago: faults injected {LagoFaultsInjected}, down {LagoDowntime.TotalSeconds:0.0} s, failed requests {LagoRequestsFailed}, requests by answer or fault: {string.Join(", ", LagoAnswers.Select(a => $"{a.Key} {a.Value}"))}; events {LagoEvents} of {ExpectedLagoEvents}");
        text.AppendLine($"  SMTP down {SmtpDowntime.TotalSeconds:0.0} s; emails {DistinctEmails} distinct of {ExpectedEmails} expected, {EmailsReceived} received (resends of one Message-ID {EmailsReceived - DistinctEmails})");
        text.AppendLine($"  quarantined {Quarantined}{(QuarantineReasons.Count == 0 ? "" : ": " + string.Join("; ", QuarantineReasons.Select(r => $"{r.Value} × {r.Key}")))}");
        text.AppendLine("  dead letters: none possible in standalone mode (a poison message goes to the quarantine table)");
        text.AppendLine($"  reconcile checked {ReconcileChecked} subjects");
        text.AppendLine($"  posting {PostingTime.TotalSeconds:0.0} s, drain after posting {DrainTime.TotalSeconds:0.0} s, wall {WallTime.TotalSeconds:0.0} s");
        foreach (var line in Log) text.AppendLine("  · " + line);
        text.AppendLine(Failures.Count == 0 ? "  RESULT: the ledger and the run's arithmetic agree" : $"  RESULT: {Failures.Count} failures");
        foreach (var failure in Failures.Take(50)) text.AppendLine("  ✗ " + failure);
        return text.ToString();
    }
}
