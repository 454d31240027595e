using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Functions.OpenApi;

/// <summary>
/// Allows <c>null</c> on an object-typed property declared nullable (<c>CheckDenial? DeniedBy</c>): the generator marks
/// nullable strings and numbers, but writes a nullable object property as a plain object, and our JSON writes its
/// nulls (<c>"denied_by": null</c> when allowed). Found by the Prism contract test.
/// </summary>
internal sealed class NullablePropertyTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { IsGetNullable: true } && schema.Type is { } type && !type.HasFlag(JsonSchemaType.Null))
            schema.Type = type | JsonSchemaType.Null;
        return Task.CompletedTask;
    }
}
