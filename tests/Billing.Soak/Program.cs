using System.Globalization;
using Billing.Tests.Fault;

// The soak of issue 13: dotnet run --project tests/Billing.Soak -- --events 20000 --seed 7
// Exit 0 when the ledger equals the run's arithmetic, 1 when it does not (the failures are printed), 2 for bad arguments.
var events = 20_000;
var seed = 7;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--events" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            events = n;
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s):
            seed = s;
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: Billing.Soak [--events N] [--seed S]");
            return 2;
    }
}

Console.WriteLine($"Fault run: {events} events, seed {seed}");
var figures = await FaultRun.RunAsync(events, seed, Console.Out, CancellationToken.None);
return figures.Failures.Count == 0 ? 0 : 1;
