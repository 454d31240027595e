using System.Text.Json;
using Billing.Domain.Usage;
using Billing.Functions.Usage;
using Samples = Billing.Tests.Infrastructure.Samples;

namespace Billing.Tests.Usage;

/// <summary>Runs <see cref="LiteLlmNormalizer"/> on elements parsed with <see cref="JsonDocument"/>, one element at a time.</summary>
public static class Normalizing
{
    public static UsageEvent Sample(string file, int index = 0)
    {
        using var document = JsonDocument.Parse(Samples.Read(file));
        return LiteLlmNormalizer.Normalize(document.RootElement[index]);
    }

    public static PayloadFieldException RejectsSample(string file, int index = 0)
    {
        using var document = JsonDocument.Parse(Samples.Read(file));
        return Assert.Throws<PayloadFieldException>(() => LiteLlmNormalizer.Normalize(document.RootElement[index]));
    }

    public static UsageEvent Json(string element)
    {
        using var document = JsonDocument.Parse(element);
        return LiteLlmNormalizer.Normalize(document.RootElement);
    }

    public static PayloadFieldException Rejects(string element)
    {
        using var document = JsonDocument.Parse(element);
        return Assert.Throws<PayloadFieldException>(() => LiteLlmNormalizer.Normalize(document.RootElement));
    }
}
