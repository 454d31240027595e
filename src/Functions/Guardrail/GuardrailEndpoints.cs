using Billing.Functions.Auth;
using Billing.Functions.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Guardrail;

public static class GuardrailEndpoints
{
    /// <summary>
    /// Where LiteLLM's Generic Guardrail API posts: it appends <c>/beta/litellm_basic_guardrail_api</c> to the
    /// configured <c>api_base</c>, so an operator sets <c>api_base: https://&lt;host&gt;/api/litellm</c>.
    /// </summary>
    public const string Route = "/api/litellm/beta/litellm_basic_guardrail_api";

    public static IServiceCollection AddGuardrail(this IServiceCollection services)
    {
        services.AddOptions<GuardrailOptions>().BindConfiguration(GuardrailOptions.SectionName)
            .Validate(o => o.OutputTokens.Values.All(t => t >= 0), "Guardrail:OutputTokens values must be 0 or more.")
            .Validate(o => o.UnknownModelCost >= 0 && o.UnknownModelCost <= 1_000_000m, "Guardrail:UnknownModelCost must be 0 to 1,000,000.")
            .Validate(o => o.MaxBodyBytes >= RequestBody.MaxBytes, $"Guardrail:MaxBodyBytes must be at least {RequestBody.MaxBytes}.")
            .ValidateOnStart();
        services.AddSingleton<PromptTokens>();
        services.AddSingleton<GuardrailHandler>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/litellm/beta/litellm_basic_guardrail_api</c> with a check key as <c>x-api-key</c> (LiteLLM's
    /// <c>api_key</c>) or <c>Authorization: Bearer</c> (its <c>headers</c>). On Functions a forwarded HTTP function.
    /// </summary>
    public static IEndpointRouteBuilder MapGuardrail(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, GuardAsync).RequireKey(KeyScope.Check, KeyHeaders.BearerOrApiKey);
        return app;
    }

    private static async Task<Results<JsonHttpResult<GuardrailResponse>, ProblemHttpResult>> GuardAsync(
        HttpContext context, GuardrailHandler handler, IOptions<GuardrailOptions> options, ILogger<GuardrailHandler> logger,
        CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadAsync(context, GuardrailJsonContext.Default.GuardrailRequest, options.Value.MaxBodyBytes, cancellationToken);
        var answer = request.Problem is { } invalid ? new(null, invalid) : await handler.HandleAsync(request.Value, cancellationToken);
        if (answer.Problem is { } problem)
        {
            // LiteLLM blocks the call on any non-2xx answer (fail-closed): say why in our log too.
            GuardrailLog.Invalid(logger, request.Value?.LitellmCallId, problem.Detail);
            return TypedResults.Problem(problem);
        }
        return TypedResults.Json(answer.Value!, GuardrailJsonContext.Default.GuardrailResponse);
    }
}
