namespace Billing.Functions.Quarantine;

internal static partial class QuarantineLog
{
    [LoggerMessage(8001, LogLevel.Information, "Replayed quarantined {Source} item {Id}: {Events} events, {Applied} event-subject updates, {Duplicates} already applied")]
    public static partial void Replayed(ILogger logger, string source, string id, int events, int applied, int duplicates);

    [LoggerMessage(8002, LogLevel.Warning, "Quarantined {Source} item {Id} still cannot be replayed: field {Field} is unusable")]
    public static partial void ReplayFailed(ILogger logger, string source, string id, string field);

    [LoggerMessage(8003, LogLevel.Warning, "Quarantined {Source} item {Id} was not replayed: today's code attributes it to other subjects than an earlier replay")]
    public static partial void ReplaySubjectsDiffer(ILogger logger, string source, string id);

    [LoggerMessage(8004, LogLevel.Warning, "Quarantined {Source} item {Id} was replayed but its outcome was not recorded on the row")]
    public static partial void ReplayNotRecorded(ILogger logger, string source, string id, Exception exception);
}
