using System.Net;
using System.Text;
using System.Text.Json;
using Billing.Functions.OpenApi;
using Billing.Tests.Infrastructure;
using Billing.Tests.Lago;

namespace Billing.Tests.Security;

/// <summary>
/// Every documented operation (<see cref="ApiOperations.All"/>: the OpenAPI tests prove every mapped route is in it)
/// against every way of presenting a key: none, each other class's key, a key in the wrong header or scheme, keys in
/// the query string. Each is refused with a 401 problem that holds nothing but the refusal; the operation's own class
/// (or Lago's signature) is not refused.
/// </summary>
public sealed class KeyMatrixTests(KeyMatrixApp matrix, ITestOutputHelper output) : IClassFixture<KeyMatrixApp>
{
    private const string UnknownKey = "not-a-key-of-this-service-0001";
    private const string LagoBody = """{"webhook_type":"key_matrix.ignored","object":{}}""";

    private static readonly (string Name, string Key)[] Keys =
    [
        ("ingest", TestKeys.Ingest), ("check", TestKeys.Check), ("check (rotated)", TestKeys.CheckRotated), ("admin", TestKeys.Admin), ("unknown", UnknownKey),
    ];

    private static readonly string[] QueryParameters = ["key", "code", "api_key"];

    private static readonly HashSet<string> ProblemMembers = ["type", "title", "status", "detail", "instance", "errors", "traceId", "trace_id"];

    public static TheoryData<string> Operations() => [.. ApiOperations.All.Select(o => o.OperationId)];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_refuses_every_missing_or_wrong_key_and_opens_to_its_own(string operationId)
    {
        var operation = ApiOperations.All.Single(o => o.OperationId == operationId);
        var client = matrix.App.CreateClient();
        var failures = new List<string>();

        var refused = Refused(operation.Key).ToList();
        foreach (var key in refused)
        {
            var response = await client.SendAsync(Request(operation, key));
            var problem = await RefusalProblemAsync(response, operation.Key);
            if (problem is not null) failures.Add($"{key}: {problem}");
        }

        // Without a key, a body the route would refuse (not JSON, so 415 with a key) is still a 401: the key comes first.
        if (operation.Body is not null && operation.Key != ApiKeyScheme.LagoSignature)
        {
            var request = Request(operation, KeyCase.None);
            request.Content = new StringContent("<usage/>", Encoding.UTF8, "application/xml");
            var problem = await RefusalProblemAsync(await client.SendAsync(request), operation.Key);
            if (problem is not null) failures.Add($"no key, an XML body: {problem}");
        }

        var accepted = Accepted(operation.Key).ToList();
        foreach (var key in accepted)
        {
            var response = await client.SendAsync(Request(operation, key));
            if (response.StatusCode == HttpStatusCode.Unauthorized) failures.Add($"{key}: its own class was refused: {await response.Content.ReadAsStringAsync()}");
        }

        output.WriteLine($"{operation.Method} {operation.Path} ({operation.Key}): {refused.Count} refused, {accepted.Count} accepted");
        Assert.True(failures.Count == 0, $"{operation.Method} {operation.Path}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_matrix_covers_every_operation_with_every_key_presentation()
    {
        var cases = ApiOperations.All.Sum(o => Refused(o.Key).Count() + Accepted(o.Key).Count());

        output.WriteLine($"{ApiOperations.All.Count} operations, {cases} requests");
        Assert.All(ApiOperations.All, o => Assert.True(Refused(o.Key).Count() >= 10, o.OperationId));
        Assert.All(ApiOperations.All, o => Assert.NotEmpty(Accepted(o.Key)));
    }

    /// <summary>The key presentations an operation must refuse.</summary>
    public static IEnumerable<KeyCase> Refused(ApiKeyScheme scheme)
    {
        yield return KeyCase.None;
        var own = OwnKeys(scheme);
        foreach (var (name, key) in Keys)
        {
            if (!own.Contains(key)) yield return KeyCase.Bearer(name, key);
            // x-api-key opens only the guardrail, and only to a check key.
            if (scheme != ApiKeyScheme.CheckOrApiKey || !own.Contains(key)) yield return KeyCase.ApiKey(name, key);
            foreach (var parameter in QueryParameters) yield return KeyCase.Query(parameter, name, key);
            if (key != UnknownKey)
            {
                yield return KeyCase.Bare(name, key);
                yield return KeyCase.Basic(name, key);
            }
        }
    }

    /// <summary>The key presentations an operation must not refuse with 401.</summary>
    public static IEnumerable<KeyCase> Accepted(ApiKeyScheme scheme)
    {
        if (scheme == ApiKeyScheme.LagoSignature)
        {
            yield return new KeyCase("a valid Lago signature", r =>
            {
                r.Headers.Add("X-Lago-Signature", LagoSigner.Hmac(LagoBody, KeyMatrixApp.LagoSecret));
                r.Headers.Add("X-Lago-Signature-Algorithm", "hmac");
                r.Headers.Add("X-Lago-Unique-Key", "key-matrix-" + Guid.NewGuid().ToString("N"));
            });
            yield break;
        }
        foreach (var (name, key) in Keys.Where(k => OwnKeys(scheme).Contains(k.Key)))
        {
            yield return KeyCase.Bearer(name, key);
            if (scheme == ApiKeyScheme.CheckOrApiKey) yield return KeyCase.ApiKey(name, key);
        }
    }

    private static HashSet<string> OwnKeys(ApiKeyScheme scheme) => scheme switch
    {
        ApiKeyScheme.Ingest => [TestKeys.Ingest],
        ApiKeyScheme.Check or ApiKeyScheme.CheckOrApiKey => [TestKeys.Check, TestKeys.CheckRotated],
        ApiKeyScheme.Admin => [TestKeys.Admin],
        ApiKeyScheme.Any => [TestKeys.Ingest, TestKeys.Check, TestKeys.CheckRotated, TestKeys.Admin],
        ApiKeyScheme.LagoSignature => [],
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    private static HttpRequestMessage Request(ApiOperation operation, KeyCase key)
    {
        var path = string.Concat(operation.Path.Split('/').Select((segment, i) => (i == 0 ? "" : "/") + (segment switch
        {
            "{subject}" => "team%3Akey-matrix",
            "{name}" => "daily",
            "{grant_id}" => "grant-1",
            "{model}" => "gpt-4o",
            "{id}" => "res_key-matrix",
            _ => segment,
        })));
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), key.QueryString.Length > 0 ? path + "?" + key.QueryString : path);
        if (operation.Body is not null)
            request.Content = new StringContent(operation.Key == ApiKeyScheme.LagoSignature ? LagoBody : "{}", Encoding.UTF8, "application/json");
        key.Apply(request);
        return request;
    }

    /// <summary>Null when <paramref name="response"/> is the refusal the operation documents; else what is wrong with it.</summary>
    private static async Task<string?> RefusalProblemAsync(HttpResponseMessage response, ApiKeyScheme scheme)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Unauthorized) return $"answered {(int)response.StatusCode}, not 401: {body}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"not a problem: {response.Content.Headers.ContentType}";
        if (scheme != ApiKeyScheme.LagoSignature && response.Headers.WwwAuthenticate.ToString() != "Bearer") return $"WWW-Authenticate is '{response.Headers.WwwAuthenticate}'";
        if (response.Headers.ETag is not null) return "an ETag was sent";
        var problem = JsonDocument.Parse(body).RootElement;
        if (problem.GetProperty("status").GetInt32() != 401) return $"problem status {problem.GetProperty("status")}";
        if (string.IsNullOrEmpty(problem.GetProperty("title").GetString())) return "problem without a title";
        var extra = problem.EnumerateObject().Select(p => p.Name).Where(n => !ProblemMembers.Contains(n)).ToList();
        if (extra.Count > 0) return $"problem holds more than the refusal: {string.Join(", ", extra)}";
        if (TestKeys.All.Append(UnknownKey).Append(KeyMatrixApp.LagoSecret).FirstOrDefault(k => body.Contains(k, StringComparison.Ordinal)) is { } echoed)
            return $"the answer echoes a key: {echoed}";
        return null;
    }
}
