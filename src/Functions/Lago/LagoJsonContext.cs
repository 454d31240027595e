using System.Text.Json.Serialization;

namespace Billing.Functions.Lago;

/// <summary>
/// Source-generated JSON for Lago's wire types: no reflection, NativeAOT-ready. snake_case like Lago; nulls are left
/// out of what we send; a missing <c>required</c> field or a null in a non-nullable one fails the read.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(LagoEventBatch))]
[JsonSerializable(typeof(LagoWalletsPage))]
[JsonSerializable(typeof(LagoWalletEnvelope))]
internal sealed partial class LagoJsonContext : JsonSerializerContext;
