using System.Net;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Alerts;
using Billing.Functions.Budgets;
using Billing.Functions.Storage;
using Billing.Functions.Timers;
using Billing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Billing.Tests.Budgets;

/// <summary>
/// An app on its own tables with a real in-process SMTP server behind <c>Smtp:*</c>, usage applied through the real
/// ledger writer, and timers run as the host would run them (scheduled) or as an operator would (on demand).
/// </summary>
public abstract class BudgetAppTest(AzuriteFixture azurite) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The app's public base URL the alert emails link the owners' page under.</summary>
    protected const string PageUrl = "https://billing.example";
    protected readonly string TablePrefix = TestNames.TablePrefix();
    private readonly List<BillingApp> _apps = [];

    protected TestSmtpServer Smtp { get; private set; } = null!;
    protected BillingApp App { get; private set; } = null!;
    protected BillingClient Client { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        App = StartInstance();
        Client = new BillingClient(App);
    }

    /// <summary>Another app instance on the same tables and SMTP server (a second Functions instance, or a restart).</summary>
    protected BillingApp StartInstance(DateTimeOffset? now = null)
    {
        var app = new BillingApp(azurite, now ?? Now, new()
        {
            ["Storage:TablePrefix"] = TablePrefix,
            ["Smtp:Host"] = TestSmtpServer.Host,
            ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Billing <billing@example.com>",
            ["Smtp:Timeout"] = "00:00:05",
            ["Timers:BudgetAlerts:PageUrl"] = PageUrl,
            ["Dashboard:SigningKey"] = TestKeys.DashboardSigning,
        });
        _apps.Add(app);
        return app;
    }

    protected Task PutAccountAsync(string subject, object account) => PutAccountAsync(Client, subject, account);

    protected static async Task PutAccountAsync(BillingClient client, string subject, object account) =>
        await (await client.PutAccountAsync(subject, account)).AssertJsonAsync(HttpStatusCode.OK);

    protected static Task ApplyAsync(BillingApp app, params UsageEvent[] events) =>
        app.Services.GetRequiredService<LedgerWriter>().ApplyAsync(events, CancellationToken.None);

    protected Task ApplyAsync(params UsageEvent[] events) => ApplyAsync(App, events);

    protected static UsageEventBuilder Usage(string subject, decimal cost, DateTimeOffset at, string model = "gpt-4o") =>
        new UsageEventBuilder().For(SubjectId.TryParse(subject, out var s) ? s : throw new ArgumentException(subject)).WithCost(cost).At(at).WithModel(model, "openai");

    /// <summary>The alert timer as the host's schedule runs it at the app's current time.</summary>
    protected static async Task<AlertsSummary> RunAlertsAsync(BillingApp app, bool onDemand = false) =>
        System.Text.Json.JsonSerializer.Deserialize<AlertsSummary>(
            (await app.Services.GetRequiredService<BudgetAlertsHandler>().RunAsync(new TimerRun(app.Time.GetUtcNow(), onDemand), CancellationToken.None)).GetRawText(),
            Json)!;

    protected static async Task<RolloverSummary> RunRolloverAsync(BillingApp app) =>
        System.Text.Json.JsonSerializer.Deserialize<RolloverSummary>(
            (await app.Services.GetRequiredService<BudgetRolloverHandler>().RunAsync(new TimerRun(app.Time.GetUtcNow(), false), CancellationToken.None)).GetRawText(),
            Json)!;

    protected static string Text(MimeMessage message) => message.TextBody ?? throw new InvalidOperationException("no text part");

    protected static string Html(MimeMessage message) => message.HtmlBody ?? throw new InvalidOperationException("no HTML part");

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
