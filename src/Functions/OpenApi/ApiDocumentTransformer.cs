using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Functions.OpenApi;

/// <summary>
/// Writes the document's paths, security schemes and problem responses from <see cref="ApiOperations"/>. Schemas come
/// from the generator (<see cref="OpenApiDocumentTransformerContext.GetOrCreateSchemaAsync"/>), which reads the HTTP
/// JSON options: the source-generated contexts, as the endpoints serialize.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Billing",
            Version = typeof(ApiDocumentTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
            Description = "Meters LLM usage from LiteLLM, keeps budgets and spend, and answers whether a call may proceed. Errors are RFC 9457 problems with errors keyed by the field path.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = ApiSecurity.Schemes();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = await ProblemAsync(context, cancellationToken);
        var problem = new OpenApiSchemaReference(ProblemSchema, document);

        document.Paths = new OpenApiPaths();
        var schemas = new Schemas(document, context);
        foreach (var operation in ApiOperations.All)
        {
            if (!document.Paths.TryGetValue(operation.Path, out var item)) document.Paths[operation.Path] = item = new OpenApiPathItem();
            ((OpenApiPathItem)item).AddOperation(HttpMethod.Parse(operation.Method), await OperationAsync(document, operation, problem, schemas, cancellationToken));
        }
    }

    private static async Task<OpenApiOperation> OperationAsync(
        OpenApiDocument document, ApiOperation operation, IOpenApiSchema problem, Schemas schemas, CancellationToken cancellationToken)
    {
        var parameters = new List<IOpenApiParameter>();
        foreach (var name in operation.PathParameters)
            parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = ApiOperations.PathParameters[name],
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        foreach (var parameter in operation.Parameters)
            parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = parameter.In,
                Required = parameter.Required,
                Description = parameter.Description,
                Schema = await schemas.InlineAsync(parameter.Type, cancellationToken),
            });

        var responses = new OpenApiResponses();
        foreach (var answer in operation.Answers)
            responses[Code(answer.Status)] = new OpenApiResponse
            {
                Description = answer.Description,
                Content = answer.Body is null ? null : new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = await schemas.ComponentAsync(answer.Body, cancellationToken) },
                },
                Headers = answer.Header is null ? null : new Dictionary<string, IOpenApiHeader>
                {
                    [answer.Header] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
        foreach (var status in operation.Problems.Append(StatusCodes.Status401Unauthorized).Distinct().Order())
            responses[Code(status)] = new OpenApiResponse
            {
                Description = ProblemText(status),
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = problem } },
            };

        return new OpenApiOperation
        {
            OperationId = operation.OperationId,
            Summary = operation.Summary,
            Parameters = parameters,
            RequestBody = operation.Body is null ? null : new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = await schemas.ComponentAsync(operation.Body, cancellationToken) },
                },
            },
            Responses = responses,
            // Each requirement is one alternative: any one of the operation's schemes suffices.
            Security = ApiSecurity.Accepted(operation.Key)
                .Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })
                .ToList(),
        };
    }

    /// <summary>RFC 9457 problem details, plus <c>errors</c>: messages keyed by the JSON path of the field.</summary>
    private static async Task<IOpenApiSchema> ProblemAsync(OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        if (schema is OpenApiSchema editable)
        {
            editable.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            editable.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages keyed by the field's JSON path (estimated_cost, budgets[1].period, [3].response_cost, If-Match, Authorization).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        return schema;
    }

    /// <summary>
    /// The generator's schemas. A request or response body type becomes a component named after it, once, and is
    /// referenced; <see cref="JsonElement"/> (any JSON) and parameter types stay inline.
    /// </summary>
    private sealed class Schemas(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        private readonly Dictionary<Type, IOpenApiSchema> _components = [];

        public Task<OpenApiSchema> InlineAsync(Type type, CancellationToken cancellationToken) =>
            context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);

        public async Task<IOpenApiSchema> ComponentAsync(Type type, CancellationToken cancellationToken)
        {
            if (type == typeof(JsonElement)) return await InlineAsync(type, cancellationToken);
            if (_components.TryGetValue(type, out var known)) return known;
            document.AddComponent(type.Name, await InlineAsync(type, cancellationToken));
            return _components[type] = new OpenApiSchemaReference(type.Name, document);
        }
    }

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ProblemText(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is invalid; errors names the field.",
        StatusCodes.Status401Unauthorized => "The key is missing or not valid for this operation.",
        StatusCodes.Status404NotFound => "Not found; errors names what.",
        StatusCodes.Status405MethodNotAllowed => "Not served with this method (a subject id ending in a sub-resource name needs its '/' percent-encoded).",
        StatusCodes.Status409Conflict => "Conflicts with an earlier request.",
        StatusCodes.Status412PreconditionFailed => "If-Match does not match: the account changed since it was read.",
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status503ServiceUnavailable => "Storage (or the queue) is unavailable; retry after Retry-After.",
        _ => "A problem.",
    };
}
