using System.Text.Json.Serialization;

namespace Billing.Functions.Lago;

/// <summary>
/// Source-generated JSON for Lago's wire types: no reflection, NativeAOT-ready. snake_case like Lago; nulls are left
/// out of what we send.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(LagoEventBatch))]
internal sealed partial class LagoJsonContext : JsonSerializerContext;
