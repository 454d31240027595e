using System.Net;
using Billing.Functions.Guardrail;
using Billing.Functions.Hosting;
using Billing.Functions.Json;
using Billing.Functions.OpenApi;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Billing.Tests.OpenApi;

/// <summary>
/// The document the live app serves: valid OpenAPI 3.x, every operation keyed and answering its problems, and
/// exactly the routes the app maps. A new endpoint without a row in <see cref="ApiOperations"/> fails
/// <see cref="Every_mapped_route_is_documented"/> with its route named.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite) : AppTest(azurite, Production)
{
    private readonly AzuriteFixture _azurite = azurite;

    /// <summary>WebApplicationFactory runs in Development, where the document is open; the keys apply everywhere else.</summary>
    private static readonly Dictionary<string, string?> Production = new() { ["environment"] = "Production" };

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_with_the_key_schemes()
    {
        var (document, diagnostic) = await LoadAsync();

        Assert.True(diagnostic.Errors.Count == 0, string.Join("\n", diagnostic.Errors));
        Assert.StartsWith("3.", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "", StringComparison.Ordinal).Replace('_', '.'), StringComparison.Ordinal);
        Assert.Equal("Billing", document.Info.Title);
        var schemes = document.Components!.SecuritySchemes!;
        Assert.Equal(SecuritySchemeType.Http, schemes[ApiSecurity.IngestKey].Type);
        Assert.Equal(SecuritySchemeType.Http, schemes[ApiSecurity.CheckKey].Type);
        Assert.Equal(SecuritySchemeType.Http, schemes[ApiSecurity.AdminKey].Type);
        Assert.Equal("bearer", schemes[ApiSecurity.AdminKey].Scheme);
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "x-api-key"),
            (schemes[ApiSecurity.CheckApiKey].Type!.Value, schemes[ApiSecurity.CheckApiKey].In!.Value, schemes[ApiSecurity.CheckApiKey].Name));
    }

    [Fact]
    public async Task Every_operation_has_a_key_a_success_with_a_schema_and_problem_answers()
    {
        var (document, _) = await LoadAsync();

        var failures = new List<string>();
        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations!)
            {
                var name = $"{method} {path}";
                if (operation.Security is not { Count: > 0 } security || security.Any(r => r.Count == 0)) failures.Add($"{name}: no security requirement");
                var successes = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0) failures.Add($"{name}: no 2xx answer");
                failures.AddRange(successes.Where(r => r.Key != "204" && r.Value.Content?.TryGetValue("application/json", out var media) != true)
                    .Select(r => $"{name}: {r.Key} has no application/json schema"));
                // Error statuses are problems, except an answer the table documents with its own type (readiness's 503 report).
                var answers = ApiOperations.All.Single(o => o.OperationId == operation.OperationId).Answers.Select(a => a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var problems = operation.Responses!.Where(r => r.Key[0] is '4' or '5' && !answers.Contains(r.Key)).ToList();
                if (!problems.Any(p => p.Key == "401")) failures.Add($"{name}: no 401");
                failures.AddRange(problems.Where(p => p.Value.Content?.TryGetValue("application/problem+json", out var media) != true || media?.Schema is null)
                    .Select(p => $"{name}: {p.Key} is not an application/problem+json problem"));
            }

        Assert.True(document.Paths.Count > 0, "the document has no paths");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_mapped_route_is_documented()
    {
        var routes = MappedRoutes();

        var undocumented = routes
            .SelectMany(r => r.Methods.Select(m => (Method: m, r.Template)))
            .Where(r => !ApiOperations.All.Any(o => o.Method == r.Method && Matches(r.Template, Concrete(o.Path))))
            .Select(r => $"{r.Method} {r.Template} is mapped but has no row in ApiOperations (src/Functions/OpenApi/ApiOperations.cs)")
            .ToList();

        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }

    [Fact]
    public void Every_documented_operation_is_mapped()
    {
        var routes = MappedRoutes();

        var unmapped = ApiOperations.All
            .Where(o => !routes.Any(r => r.Methods.Contains(o.Method) && Matches(r.Template, Concrete(o.Path))))
            .Select(o => $"{o.Method} {o.Path} ({o.OperationId}) is documented but the app maps no such route")
            .ToList();

        Assert.True(unmapped.Count == 0, string.Join("\n", unmapped));
    }

    [Fact]
    public void Every_documented_body_and_parameter_type_is_source_generated()
    {
        // The generator reads the HTTP JSON options; under NativeAOT only the source-generated contexts answer there.
        var types = ApiOperations.All
            .SelectMany(o => o.Answers.Select(a => a.Body).Append(o.Body).Concat(o.Parameters.Select(p => (Type?)p.Type)))
            .OfType<Type>().Distinct();

        var missing = types.Where(t => BillingJsonContext.Default.GetTypeInfo(t) is null && GuardrailJsonContext.Default.GetTypeInfo(t) is null);

        Assert.Empty(missing);
    }

    [Fact]
    public void Operation_ids_are_unique_and_every_path_parameter_is_described()
    {
        Assert.Equal(ApiOperations.All.Count, ApiOperations.All.Select(o => o.OperationId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ApiOperations.All.Count, ApiOperations.All.Select(o => (o.Method, o.Path)).Distinct().Count());
        Assert.All(ApiOperations.All.SelectMany(o => o.PathParameters), p => Assert.True(ApiOperations.PathParameters.ContainsKey(p), $"{{{p}}} has no description"));
    }

    [Fact]
    public async Task The_document_needs_a_key()
    {
        using var anonymous = App.CreateClient();
        const string path = "/openapi/v1.json";

        var response = await anonymous.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(TestKeys.Ingest)]
    [InlineData(TestKeys.CheckRotated)]
    [InlineData(TestKeys.Admin)]
    public async Task Any_key_opens_the_document(string key)
    {
        using var client = App.ClientWithKey(key);

        var document = await client.GetAsync("/openapi/v1.json");

        (await document.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("paths");
    }

    [Fact]
    public async Task In_development_the_document_is_open_and_Scalar_shows_it()
    {
        await using var development = new BillingApp(_azurite, Now);
        using var anonymous = development.CreateClient();

        var document = await anonymous.GetAsync("/openapi/v1.json");
        var page = await anonymous.GetAsync("/scalar");

        (await document.AssertJsonAsync(HttpStatusCode.OK)).GetProperty("paths");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> LoadAsync()
    {
        using var client = App.ClientWithKey(TestKeys.Admin);
        var text = await client.GetStringAsync("/openapi/v1.json");
        var settings = new OpenApiReaderSettings();
        var result = OpenApiDocument.Parse(text, "json", settings);
        return (result.Document ?? throw new InvalidOperationException("not an OpenAPI document: " + string.Join("; ", result.Diagnostic?.Errors ?? [])), result.Diagnostic!);
    }

    /// <summary>
    /// The app's routes with their methods, less the readiness route, the custom-handler invocations, the document's own
    /// routes and the owners' page (<c>GET /accounts/{subject}</c>): that is HTML for people opened by a signed link, not
    /// an operation of the JSON API, so the document leaves it out (its link API, <c>…/dashboard-link</c>, is in it).
    /// </summary>
    private List<(string Template, IReadOnlySet<string> Methods)> MappedRoutes()
    {
        var invoked = FunctionNames.Invoked.Select(n => "/" + n).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] own = [OpenApiEndpoints.Pattern, Billing.Functions.Dashboard.DashboardEndpoints.Pattern];
        return App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Template: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: (IReadOnlySet<string>?)e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToHashSet()))
            .Where(r => r.Template != "/" && !invoked.Contains(r.Template) && !own.Contains(r.Template) && !r.Template.StartsWith("/scalar", StringComparison.OrdinalIgnoreCase))
            .Select(r => (r.Template, r.Methods ?? new HashSet<string> { "GET", "PUT", "POST", "DELETE", "PATCH" }))
            .ToList();
    }

    /// <summary>A documented path with a sample value in each parameter: what a client would call.</summary>
    private static string Concrete(string path) => string.Join('/', path.Split('/').Select(s => s.StartsWith('{') ? "team:sample" : s));

    private static bool Matches(string template, string path) =>
        new TemplateMatcher(TemplateParser.Parse(template.TrimStart('/')), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary());
}
