using BenchmarkDotNet.Attributes;
using Billing.Domain.Money;

namespace Billing.Bench.Micro;

/// <summary>Money arithmetic: checked <see cref="Money"/> addition and the one rounding policy, against plain decimal addition.</summary>
[MemoryDiagnoser]
public class MoneyBenchmarks
{
    private readonly decimal _cost = 0.00025395m;
    private readonly decimal _subNano = 0.0000000125m;
    private readonly Money _left = new(41.07m, Currency.Usd);
    private readonly Money _right = new(0.0295878m, Currency.Usd);

    [Benchmark(Baseline = true)]
    public decimal DecimalAdd() => _left.Amount + _right.Amount;

    [Benchmark]
    public Money MoneyAdd() => _left + _right;

    [Benchmark]
    public long ToNanos() => MoneyUnits.ToNanos(_cost);

    [Benchmark]
    public long ToNanosRoundingSubNano() => MoneyUnits.ToNanos(_subNano);
}
