using System.Diagnostics;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>
/// <c>--timeout</c>: a service that does not answer in time is exit 1 ("it may still be working"), not exit 3
/// (unreachable), which stays for a refused connection or a failed DNS look-up.
/// </summary>
public sealed class SlowServiceCliTests(AzuriteFixture azurite) : CliTest(azurite)
{
    private static StubHandler Silent() => new(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new UnreachableException();
    });

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_exits_1_saying_it_may_still_be_working()
    {
        var clock = Stopwatch.StartNew();

        var result = await CliWithAsync(Operator, Silent(), "reconcile", "--timeout", "1");

        AssertExit(ExitCodes.Problem, result);
        Assert.Contains("the service did not answer within 1 s (it may still be working)", result.Stderr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    public async Task A_bad_timeout_exits_2_naming_it(string seconds)
    {
        var result = await CliAsync("prices", "list", "--timeout", seconds);

        AssertExit(ExitCodes.Usage, result);
        Assert.Contains("--timeout", result.Stderr);
    }
}
