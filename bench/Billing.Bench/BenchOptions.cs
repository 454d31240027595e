namespace Billing.Bench;

/// <summary>
/// Command line: no switch runs every scenario at full size and writes docs/benchmarks.md; <c>--smoke</c> runs every
/// scenario at tiny sizes, checks no timing and fails only when a scenario is broken; <c>--micro</c> runs only the
/// BenchmarkDotNet micro-benchmarks; <c>--aot &lt;binary&gt;</c> adds the NativeAOT start-up; <c>--only</c> picks
/// scenarios while working on one (and writes no docs).
/// </summary>
public sealed record BenchOptions
{
    public bool Smoke { get; init; }
    public bool MicroOnly { get; init; }
    public bool WriteDocs { get; init; } = true;
    public string? AotBinary { get; init; }

    /// <summary>Scenarios to run (<c>--only raw,check,reserve,webhook,ingest,rollover,telemetry,startup,micro</c>); empty runs all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>Micro-benchmark classes whose name contains this (<c>--micro Webhook</c>); null runs all.</summary>
    public string? MicroFilter { get; init; }

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    // Sizes. Full sizes keep the whole run near 6-8 minutes on 2 cores; smoke sizes finish in seconds.
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(0.5);
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);
    public int Rounds { get; init; } = 2;
    public int HotSubjectEvents { get; init; } = 20_480;
    public int ManySubjectsEvents { get; init; } = 10_240;
    public int ManySubjects { get; init; } = 1_000;
    public int FiveSubjectEvents { get; init; } = 6_144;
    public int RolloverAccounts { get; init; } = 10_000;
    public int WebhookBatch { get; init; } = 512;
    public int StartupRuns { get; init; } = 5;
    public TimeSpan NaiveWindow { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan MemoryLoad { get; init; } = TimeSpan.FromSeconds(6);

    public string Mode => Smoke ? "--smoke" : MicroOnly ? "--micro" : "full";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--smoke" => Tiny(options),
                "--micro" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) => options with { MicroOnly = true, MicroFilter = args[++i] },
                "--micro" => options with { MicroOnly = true },
                "--no-docs" => options with { WriteDocs = false },
                "--aot" when i + 1 < args.Length => options with { AotBinary = Path.GetFullPath(args[++i]) },
                "--only" when i + 1 < args.Length => options with { Only = args[++i].Split(',').ToHashSet(), WriteDocs = false },
                var other => throw new ArgumentException($"Unknown argument '{other}'. Use --smoke, --micro, --no-docs, --only <scenarios> or --aot <binary>."),
            };
        }
        return options;
    }

    private static BenchOptions Tiny(BenchOptions options) => options with
    {
        Smoke = true,
        WriteDocs = false,
        Warmup = TimeSpan.FromMilliseconds(50),
        Window = TimeSpan.FromMilliseconds(150),
        Rounds = 1,
        HotSubjectEvents = 300,
        ManySubjectsEvents = 300,
        ManySubjects = 50,
        FiveSubjectEvents = 100,
        RolloverAccounts = 40,
        WebhookBatch = 64,
        StartupRuns = 1,
        NaiveWindow = TimeSpan.FromMilliseconds(300),
        MemoryLoad = TimeSpan.FromMilliseconds(500),
    };
}
