using System.Text.Json.Serialization;

namespace Billing.Functions.Hosting;

/// <summary>
/// The custom-handler response: always 2xx JSON with a non-empty body (an empty body leaves the invocation hanging).
/// <see cref="Outputs"/> keys are binding names, matched case-sensitively by the host.
/// </summary>
public sealed class InvocationResult
{
    [JsonPropertyName("Outputs")] public InvocationOutputs Outputs { get; init; } = new();
    [JsonPropertyName("Logs")] public List<string> Logs { get; init; } = [];
    [JsonPropertyName("ReturnValue")] public string? ReturnValue { get; init; }
}

public sealed class InvocationOutputs
{
    [JsonPropertyName(FunctionNames.HttpResponseBinding)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HttpBindingResponse? Res { get; init; }

    /// <summary>Service Bus output: one message per element; compact JSON text (never bare base64-looking strings).</summary>
    [JsonPropertyName(FunctionNames.UsageOutputBinding)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Usage { get; init; }
}
