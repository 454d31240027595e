namespace Billing.Functions.Problems;

public static class ProblemsExtensions
{
    /// <summary>
    /// RFC 9457 problems, and for what the one exception handler maps to a 4xx: a <see cref="BadHttpRequestException"/>
    /// from reading the body (a stalled upload's 408, a body past Kestrel's cap) names <c>body</c> in <c>errors</c>,
    /// like every other bad-input answer.
    /// </summary>
    public static IServiceCollection AddBillingProblems(this IServiceCollection services) => services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
    {
        if (context.Exception is BadHttpRequestException bad && !context.ProblemDetails.Extensions.ContainsKey("errors"))
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [bad.Message] };
    });
}
