using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Billing.Tests.Guardrail;

/// <summary>The prompt is read to count tokens and goes nowhere else: not into answers, problems or logs.</summary>
public sealed class GuardrailPrivacyTests(AzuriteFixture azurite) : AppTest(azurite)
{
    private const string Secret = "Zebra-7 merger terms: pay 41 million for Quokka Ltd";

    private readonly Messages _logs = new();

    public static TheoryData<string> Outcomes => ["allowed", "blocked", "malformed", "response"];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Neither_the_answer_nor_the_log_contains_the_prompt(string outcome)
    {
        await using var app = App.WithWebHostBuilder(b => b.ConfigureLogging(logging => logging
            .AddProvider(_logs)
            .AddFilter<Messages>(null, LogLevel.Trace)));
        var limit = outcome == "blocked" ? 0.000001m : 10m;
        await (await Client.PutAccountAsync("team:team_acme", new { budgets = new[] { new { name = "monthly", period = "monthly", limit } } }))
            .AssertJsonAsync(System.Net.HttpStatusCode.OK);
        var body = (outcome == "response" ? GuardrailBody.Response() : GuardrailBody.Request()).WithPrompt(Secret).WithModel("gpt-4o");
        if (outcome == "malformed") body.Set("texts", new JsonArray(Secret, 5));

        var response = await new GuardrailClient(app).PostAsync(body);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("Zebra", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.All, m => m.Contains("Zebra", StringComparison.Ordinal));
        Assert.NotEmpty(_logs.All);
    }

    /// <summary>Every log line as written, with its exception.</summary>
    private sealed class Messages : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
