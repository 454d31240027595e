namespace Billing.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => BillingCli.RunAsync(args, Console.Out, Console.Error);
}
