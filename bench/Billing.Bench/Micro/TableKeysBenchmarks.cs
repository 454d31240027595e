using BenchmarkDotNet.Attributes;
using Billing.Functions.Storage;

namespace Billing.Bench.Micro;

/// <summary>
/// <see cref="TableKeys.Encode"/> for a key needing nothing, one needing escapes, and one longer than a key may be
/// (escaped, cut and hashed), against copying the string.
/// </summary>
[MemoryDiagnoser]
public class TableKeysBenchmarks
{
    private string _value = "";

    [Params("plain", "escaped", "long")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _value = Case switch
    {
        "plain" => "key:093df0459e3bfd66d4c5cf5b19bc28a8841b932ae86220eff6eefce25b453a3c",
        "escaped" => "user:alice/ops#1?tenant=acme%20eu\\x",
        _ => "end_user:" + string.Concat(Enumerable.Repeat("acme/customer#", 73)),
    };

    [Benchmark(Baseline = true)]
    public string CopyString() => new(_value.AsSpan());

    [Benchmark]
    public string Encode() => TableKeys.Encode(_value);
}
