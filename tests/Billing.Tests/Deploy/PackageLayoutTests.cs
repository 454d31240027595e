using System.Reflection;
using System.Text.Json.Serialization;
using Billing.Functions.Hosting;
using Billing.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Billing.Tests.Deploy;

/// <summary>
/// The Functions app folder (see <see cref="FunctionPackage"/>) is one the host accepts and the app answers: schemas,
/// one folder per served function and nothing else, routes, output keys, and app settings that infra/bicep defines.
/// Every rule runs over all function folders, so a function added later is covered without touching this file.
/// </summary>
public sealed class PackageLayoutTests(AzuriteFixture azurite)
{
    private readonly FunctionPackage _package = FunctionPackage.Load();

    [Fact]
    public async Task Host_json_at_the_root_matches_the_host_schema()
    {
        var schema = await Draft07Schema.LoadAsync(Draft07Schema.TestDataPath("host.schema.json"));

        var errors = schema.Validate(_package.HostJsonText);

        Assert.True(errors.Count == 0, $"{_package.Root}/host.json: {string.Join("; ", errors)}");
    }

    [Fact]
    public async Task Every_function_json_matches_the_function_schema_under_draft_07_rules()
    {
        var schema = await Draft07Schema.LoadAsync(Draft07Schema.TestDataPath("function.schema.json"));

        var failures = _package.Functions
            .Select(f => (f.Path, Errors: schema.Validate(f.Text)))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.Path}: {string.Join("; ", r.Errors)}");

        AssertNone(failures);
    }

    [Fact]
    public void Every_binding_has_a_name_a_type_and_a_direction_and_triggers_point_in()
    {
        var failures = Bindings()
            .Where(x => string.IsNullOrEmpty(x.Binding.Name) || string.IsNullOrEmpty(x.Binding.Type)
                || x.Binding.Direction is not ("in" or "out" or "inout") || x.Binding.IsTrigger && x.Binding.Direction != "in")
            .Select(x => $"{x.Function}: {x.Binding}");

        AssertNone(failures);
        Assert.All(_package.Functions, f => Assert.True(f.Bindings.Count(b => b.IsTrigger) == 1, $"{f.Name} needs exactly one trigger"));
    }

    [Fact]
    public void Every_served_function_has_a_folder_and_every_folder_is_a_served_function()
    {
        var served = FunctionNames.Invoked.Concat(FunctionNames.Forwarded).ToList();

        Assert.Equal(served.Count, served.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(served.Order(StringComparer.Ordinal), _package.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Http_only_functions_are_the_forwarded_ones_and_all_others_are_invoked()
    {
        // With forwarding on, the host forwards exactly the http-in/http-out functions; the rest get Data/Metadata.
        var forwardedByHost = _package.Functions.Where(f => _package.ForwardsHttpOnlyFunctions && f.IsHttpOnly).Select(f => f.Name);

        Assert.Equal(FunctionNames.Forwarded.Order(StringComparer.Ordinal), forwardedByHost.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Invoked_functions_are_served_at_POST_slash_name_in_custom_handler_mode()
    {
        var routes = await ServedRoute.OfAppAsync(azurite, customHandler: true);

        var missing = _package.Functions.Where(f => FunctionNames.Invoked.Contains(f.Name))
            .Where(f => !routes.Any(r => r.Pattern == ServedRoute.Normalize("/" + f.Name) && (r.Methods?.Contains("POST") ?? true)))
            .Select(f => $"POST /{f.Name}");

        AssertNone(missing.Select(m => m + " is not served"), $"app routes: {string.Join(", ", routes)}");
    }

    [Fact]
    public async Task Forwarded_functions_trigger_routes_and_methods_are_served_in_custom_handler_mode()
    {
        var routes = await ServedRoute.OfAppAsync(azurite, customHandler: true);

        var failures = HttpTriggerMismatches(_package.Functions.Where(f => FunctionNames.Forwarded.Contains(f.Name)), routes);

        AssertNone(failures, $"app routes: {string.Join(", ", routes)}");
    }

    [Fact]
    public async Task Every_http_trigger_route_is_also_served_by_the_standalone_host()
    {
        // The public API is the same with or without Functions: /api/usage is the host's route for the invoked
        // UsageWebhook and the app's own route when standalone.
        var routes = await ServedRoute.OfAppAsync(azurite, customHandler: false);

        var failures = HttpTriggerMismatches(_package.Functions, routes);

        AssertNone(failures, $"app routes: {string.Join(", ", routes)}");
    }

    /// <summary>
    /// The host matches trigger routes with ASP.NET Core's <see cref="TemplateMatcher"/> (its WebJobsRouteBuilder builds
    /// <c>Route</c>s), where a catch-all also matches nothing: <c>accounts/{*subject}</c> takes the list
    /// <c>/api/accounts</c> too, so it needs no function of its own. Forwarded, the app then routes the original path.
    /// </summary>
    [Theory]
    [InlineData("GET", "/api/accounts")]
    [InlineData("GET", "/api/accounts/team%3Aacme/usage")]
    [InlineData("GET", "/api/accounts/team%3Aacme/events")]
    [InlineData("GET", "/api/accounts/team:a%2Fusage")]
    [InlineData("PUT", "/api/accounts/team%3Aacme")]
    [InlineData("POST", "/api/accounts/team%3Aacme/budgets/daily/reset")]
    public void Every_accounts_route_reaches_the_forwarded_Accounts_function(string method, string path)
    {
        var function = _package.Functions.Single(f => f.Name == FunctionNames.Accounts);
        var trigger = HttpTrigger.Of(function, function.Trigger!, _package.RoutePrefix);
        var matcher = new TemplateMatcher(TemplateParser.Parse(trigger.PublicRoute.TrimStart('/')), new RouteValueDictionary());

        Assert.True(matcher.TryMatch(path, new RouteValueDictionary()), $"{trigger.PublicRoute} does not match {path}");
        Assert.True(trigger.Methods is null || trigger.Methods.Contains(method), $"{function.Name} does not allow {method}");
    }

    /// <summary>
    /// The same for <c>quarantine/{*rest}</c>: the list <c>/api/quarantine</c>, an item and its replay. And
    /// <c>usage/manual</c> is its own function: the invoked <c>UsageWebhook</c>'s route <c>usage</c> does not match it.
    /// </summary>
    [Theory]
    [InlineData(FunctionNames.Quarantine, "GET", "/api/quarantine")]
    [InlineData(FunctionNames.Quarantine, "GET", "/api/quarantine/")]
    [InlineData(FunctionNames.Quarantine, "GET", "/api/quarantine/20261122-1200000000000-0123456789abcdef0123456789abcdef")]
    [InlineData(FunctionNames.Quarantine, "POST", "/api/quarantine/20261122-1200000000000-0123456789abcdef0123456789abcdef/replay")]
    [InlineData(FunctionNames.UsageManual, "POST", "/api/usage/manual")]
    public void Quarantine_and_manual_usage_routes_reach_their_forwarded_functions(string name, string method, string path)
    {
        var function = _package.Functions.Single(f => f.Name == name);
        var trigger = HttpTrigger.Of(function, function.Trigger!, _package.RoutePrefix);
        var matcher = new TemplateMatcher(TemplateParser.Parse(trigger.PublicRoute.TrimStart('/')), new RouteValueDictionary());
        var webhook = _package.Functions.Single(f => f.Name == FunctionNames.UsageWebhook);
        var webhookRoute = HttpTrigger.Of(webhook, webhook.Trigger!, _package.RoutePrefix).PublicRoute.TrimStart('/');

        Assert.True(matcher.TryMatch(path, new RouteValueDictionary()), $"{trigger.PublicRoute} does not match {path}");
        Assert.True(trigger.Methods is null || trigger.Methods.Contains(method), $"{function.Name} does not allow {method}");
        Assert.False(new TemplateMatcher(TemplateParser.Parse(webhookRoute), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()),
            $"{webhookRoute} also matches {path}");
    }

    [Fact]
    public void Output_bindings_of_invoked_functions_are_exactly_the_output_keys_the_handler_returns()
    {
        var properties = typeof(InvocationOutputs).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.All(properties, p => Assert.True(p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null,
            $"InvocationOutputs.{p.Name} needs [JsonPropertyName]: the key must be the binding name, not a naming policy's"));
        var keys = properties.Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name).ToHashSet(StringComparer.Ordinal);
        if (typeof(InvocationResult).GetProperty("ReturnValue") is not null) keys.Add("$return");

        var outputs = _package.Functions.Where(f => FunctionNames.Invoked.Contains(f.Name))
            .SelectMany(f => f.Outputs.Select(b => (Function: f.Name, b.Name))).ToList();

        // Keys are matched case-sensitively by the host: an unmatched output is never written, an unused key is dropped.
        AssertNone(outputs.Where(o => !keys.Contains(o.Name!)).Select(o => $"{o.Function}: output '{o.Name}' has no InvocationOutputs key"));
        AssertNone(keys.Where(k => k != "$return" && !outputs.Any(o => o.Name == k)).Select(k => $"InvocationOutputs key '{k}' is no invoked function's output binding"));
    }

    [Fact]
    public void Triggers_of_invoked_functions_use_binding_names_the_handler_reads()
    {
        var known = typeof(FunctionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Binding", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

        var unknown = _package.Functions.Where(f => FunctionNames.Invoked.Contains(f.Name))
            .Where(f => f.Trigger?.Name is not { } name || !known.Contains(name))
            .Select(f => $"{f.Name}: trigger '{f.Trigger?.Name}' is not one of {string.Join(", ", known)}");

        AssertNone(unknown);
    }

    [Fact]
    public void Queue_and_topic_names_are_app_setting_references_that_infra_defines()
    {
        var infra = InfraSettings.Load();

        var failures = Bindings().SelectMany(x => EntityProperties.Where(x.Binding.Json.ContainsKey)
                .Select(p => (x.Function, x.Binding, Property: p, Setting: InfraSettings.Reference(x.Binding.Text(p)))))
            .Where(x => x.Setting is null || !infra.Defines(x.Setting))
            .Select(x => $"{x.Function}: {x.Binding} {x.Property} '{x.Binding.Text(x.Property)}' must be %Setting% with Setting in infra/bicep");

        AssertNone(failures);
    }

    [Fact]
    public void Connections_have_their_identity_settings_in_infra()
    {
        var infra = InfraSettings.Load();

        // Service Bus and Event Hubs connect with managed identity: <connection>__fullyQualifiedNamespace. A missing
        // "connection" means the host's default name.
        var failures = Bindings()
            .Select(x => (x.Function, x.Binding, Connection: x.Binding.Text("connection") ?? DefaultConnection(x.Binding.Type)))
            .Where(x => x.Connection is not null)
            .Where(x => NeedsNamespace(x.Binding.Type)
                ? !infra.Defines(x.Connection + "__fullyQualifiedNamespace")
                : !infra.Defines(x.Connection!) && !infra.DefinesPrefix(x.Connection + "__"))
            .Select(x => $"{x.Function}: {x.Binding} connection '{x.Connection}' has no "
                + (NeedsNamespace(x.Binding.Type) ? $"{x.Connection}__fullyQualifiedNamespace" : $"{x.Connection} or {x.Connection}__*") + " setting in infra/bicep");

        AssertNone(failures);
    }

    [Fact]
    public void Timer_schedules_are_app_setting_references_that_infra_defines()
    {
        var infra = InfraSettings.Load();

        var failures = Bindings().Where(x => x.Binding.Type == "timerTrigger")
            .Where(x => InfraSettings.Reference(x.Binding.Text("schedule")) is not { } setting || !infra.Defines(setting))
            .Select(x => $"{x.Function}: schedule '{x.Binding.Text("schedule")}' must be %Setting% with Setting in infra/bicep");

        AssertNone(failures);
    }

    [Fact]
    public void Host_json_starts_the_apps_executable_which_a_built_package_contains()
    {
        Assert.Equal(typeof(Program).Assembly.GetName().Name, _package.ExecutablePath);
        if (!_package.IsBuiltPackage) return;

        var path = Path.Combine(_package.Root, _package.ExecutablePath!);
        Assert.True(File.Exists(path), $"{path} is missing");
        if (!OperatingSystem.IsWindows())
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{path} is not executable");
    }

    [Fact]
    public void The_package_holds_no_debug_symbols_or_local_settings()
    {
        var unwanted = Directory.EnumerateFiles(_package.Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".pdb" or ".dbg" || Path.GetFileName(f).StartsWith("local.settings", StringComparison.OrdinalIgnoreCase));

        AssertNone(unwanted);
    }

    private static void AssertNone(IEnumerable<string> failures, string? context = null)
    {
        var list = failures.ToList();
        Assert.True(list.Count == 0, string.Join("\n", context is null ? list : list.Append(context)));
    }

    private static readonly string[] EntityProperties = ["queueName", "topicName", "subscriptionName", "eventHubName"];

    private static bool NeedsNamespace(string? type) =>
        type?.StartsWith("serviceBus", StringComparison.OrdinalIgnoreCase) == true || type?.StartsWith("eventHub", StringComparison.OrdinalIgnoreCase) == true;

    private static string? DefaultConnection(string? type) =>
        type?.StartsWith("serviceBus", StringComparison.OrdinalIgnoreCase) == true ? "AzureWebJobsServiceBus"
        : type?.StartsWith("eventHub", StringComparison.OrdinalIgnoreCase) == true ? "AzureWebJobsEventHub"
        : null;

    private IEnumerable<(string Function, FunctionBinding Binding)> Bindings() =>
        _package.Functions.SelectMany(f => f.Bindings.Select(b => (f.Name, b)));

    /// <summary>Each httpTrigger's public route (route prefix + route, default the function name) and methods, against the app.</summary>
    private List<string> HttpTriggerMismatches(IEnumerable<FunctionFolder> functions, IReadOnlyList<ServedRoute> routes) =>
        functions.SelectMany(f => f.Bindings.Where(b => b.Type == "httpTrigger").Select(b => HttpTrigger.Of(f, b, _package.RoutePrefix)))
            .Select(trigger => trigger.MismatchWith(routes))
            .OfType<string>()
            .ToList();
}
