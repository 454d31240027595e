using System.Net;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Hosting.HostPayloads;

namespace Billing.Tests.Hosting;

/// <summary>The timer functions as the Functions host invokes them: the same handlers as the on-demand route.</summary>
public sealed class TimerInvocationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(FunctionNames.BudgetRollover, false)]
    [InlineData(FunctionNames.BudgetAlerts, true)]
    public async Task Timer_invocation_runs_the_timer_and_answers_its_summary_in_the_logs(string function, bool isPastDue)
    {
        await using var app = CustomHandlerHost.Start(azurite);

        var response = await app.CreateClient().InvokeAsync(function, TimerTrigger(function, CustomHandlerHost.Now, isPastDue, CustomHandlerHost.Now.AddMinutes(-5)));

        var answer = await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Empty(answer.Outputs.EnumerateObject());
        Assert.StartsWith(function + ": {\"due\":0", Assert.Single(answer.Logs));
    }

    [Fact]
    public async Task A_rollover_invocation_closes_what_is_due()
    {
        await using var app = CustomHandlerHost.Start(azurite);
        var client = new BillingClient(app);
        await (await client.PutAccountAsync("team:acme", new { budgets = new[] { new { name = "daily", period = "daily", limit = 1m } } })).AssertJsonAsync(HttpStatusCode.OK);
        app.Time.Advance(TimeSpan.FromDays(1));

        var response = await app.CreateClient().InvokeAsync(FunctionNames.BudgetRollover, TimerTrigger(FunctionNames.BudgetRollover, app.Time.GetUtcNow()));

        var answer = await response.AssertInvocationResultAsync(HttpStatusCode.OK);
        Assert.Contains("\"accounts\":1", Assert.Single(answer.Logs));
    }
}
