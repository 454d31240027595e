using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Billing.Tests.Security;

/// <summary>
/// A logger provider that keeps, at every level, all the text a log sink could receive: the formatted message, each
/// structured value, the exception's full text and each scope's state and values.
/// </summary>
public sealed class TextLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, string Text);

    public IReadOnlyList<Entry> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private static string Describe(object? state) => state switch
    {
        null => "",
        IEnumerable<KeyValuePair<string, object?>> values => state + " | " + string.Join(" | ", values.Select(v => $"{v.Key}={Flatten(v.Value)}")),
        _ => state.ToString() ?? "",
    };

    private static string Flatten(object? value) => value switch
    {
        null => "",
        string text => text,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => i?.ToString())),
        _ => value.ToString() ?? "",
    };

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new Entry(category, LogLevel.None, "scope: " + Describe(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, $"{formatter(state, exception)} | {Describe(state)} | {exception}"));
    }
}
