using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Billing.Tests.Hosting;

/// <summary>A hand-written logger provider that keeps every structured log record, to check what the app understood.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> _records = new();

    public sealed record Record(string Category, EventId EventId, IReadOnlyDictionary<string, object?> Values);

    public IReadOnlyList<Record> Records => _records.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Record> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            records.Enqueue(new Record(category, eventId, values.ToDictionary(v => v.Key, v => v.Value)));
        }
    }
}
