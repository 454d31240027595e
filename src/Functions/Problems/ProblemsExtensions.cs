using Billing.Functions.Storage;

namespace Billing.Functions.Problems;

public static class ProblemsExtensions
{
    /// <summary>
    /// The status the one exception handler answers for an exception a handler did not catch: a
    /// <see cref="BadHttpRequestException"/>'s own 4xx, 503 when storage is unavailable (<see cref="StorageFailures"/>),
    /// 500 for the rest.
    /// </summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when StorageFailures.IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// RFC 9457 problems, and for what the one exception handler maps to a 4xx: a <see cref="BadHttpRequestException"/>
    /// from reading the body (a stalled upload's 408, a body past Kestrel's cap) names <c>body</c> in <c>errors</c>,
    /// like every other bad-input answer.
    /// </summary>
    /// <remarks>A 503 for unavailable storage says so and carries <c>Retry-After</c>; its exception's text is not sent.</remarks>
    public static IServiceCollection AddBillingProblems(this IServiceCollection services) => services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
    {
        if (context.Exception is BadHttpRequestException bad && !context.ProblemDetails.Extensions.ContainsKey("errors"))
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [bad.Message] };
        if (context.Exception is { } exception && context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable && StorageFailures.IsUnavailable(exception))
        {
            context.ProblemDetails.Title = "Storage is unavailable";
            context.ProblemDetails.Detail = "Azure Storage did not answer, so this request could not be completed; retry after " +
                $"{StorageFailures.RetryAfterSeconds} seconds (Retry-After).";
            context.HttpContext.Response.Headers.RetryAfter = StorageFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    });
}
