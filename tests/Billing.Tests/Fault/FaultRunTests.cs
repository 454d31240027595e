namespace Billing.Tests.Fault;

/// <summary>
/// Issue 13 at CI size: 2,000 events through two real app processes that are SIGKILLed and restarted, with Azurite
/// restarted on disk, Lago failing and down, and SMTP down. The soak runs the same with more events
/// (<c>dotnet run --project tests/Billing.Soak -- --events 20000 --seed 7</c>).
/// </summary>
public sealed class FaultRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_thousand_events_through_kills_and_outages_leave_a_ledger_equal_to_the_arithmetic()
    {
        var log = new StringWriter();

        var figures = await FaultRun.RunAsync(events: 2000, seed: 13, log, TestContext.Current.CancellationToken);

        output.WriteLine(log.ToString());
        Assert.True(figures.Kills >= 2 && figures.AzuriteRestarts >= 1, figures.ToString());
        Assert.True(figures.Failures.Count == 0, figures.ToString());
    }
}
