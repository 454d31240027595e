namespace Billing.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Billing.Bench [-- --smoke | --micro | --no-docs | --aot &lt;binary&gt;]</c>.
/// Not top-level statements: the app's global <c>Program</c> is the one WebApplicationFactory hosts.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current
        // directory, as under a test runner; `dotnet run --project` starts elsewhere.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await BenchRun.RunAsync(BenchOptions.Parse(args), stop.Token);
    }
}
