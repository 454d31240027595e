using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Billing.Bench.Infrastructure;
using Billing.Domain.Usage;
using Billing.Functions.Usage;

namespace Billing.Bench.Micro;

/// <summary>
/// <see cref="LiteLlmNormalizer.Normalize"/> on the first usable element of each LiteLLM sample, against parsing that
/// element's JSON (the work the webhook's reader does before it).
/// </summary>
[MemoryDiagnoser]
public class NormalizerBenchmarks
{
    private byte[] _json = [];
    private JsonDocument? _document;
    private JsonElement _element;

    [ParamsSource(nameof(Samples))]
    public string Sample { get; set; } = "";

    public static IEnumerable<string> Samples() =>
        Directory.GetFiles(LiteLlmBodies.SamplesDirectory, "*.json").Select(Path.GetFileName).OfType<string>()
            .Where(s => FirstUsable(s) is not null).Order();

    [GlobalSetup]
    public void Setup()
    {
        _json = FirstUsable(Sample) ?? throw new InvalidOperationException($"{Sample} has no usable element.");
        _document = JsonDocument.Parse(_json);
        _element = _document.RootElement;
    }

    [GlobalCleanup]
    public void Cleanup() => _document?.Dispose();

    [Benchmark(Baseline = true)]
    public int ParseElement()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark]
    public UsageEvent Normalize() => LiteLlmNormalizer.Normalize(_element);

    private static byte[]? FirstUsable(string sample)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(LiteLlmBodies.SamplesDirectory, sample)));
        foreach (var element in document.RootElement.EnumerateArray())
        {
            try
            {
                LiteLlmNormalizer.Normalize(element);
                return JsonSerializer.SerializeToUtf8Bytes(element, Billing.Functions.Json.BillingJsonContext.Default.JsonElement);
            }
            catch (PayloadFieldException)
            {
                // Not billable (null element, legacy v1 shape): try the next one.
            }
        }
        return null;
    }
}
