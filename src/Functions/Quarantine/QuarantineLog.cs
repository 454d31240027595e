namespace Billing.Functions.Quarantine;

internal static partial class QuarantineLog
{
    [LoggerMessage(8001, LogLevel.Information, "Replayed quarantined {Source} item {Id}: {Events} events, {Applied} event-subject updates, {Duplicates} already applied")]
    public static partial void Replayed(ILogger logger, string source, string id, int events, int applied, int duplicates);

    [LoggerMessage(8002, LogLevel.Warning, "Quarantined {Source} item {Id} still cannot be replayed: field {Field} is unusable")]
    public static partial void ReplayFailed(ILogger logger, string source, string id, string field);
}
