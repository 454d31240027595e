using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Problems;

/// <summary>RFC 9457 problem bodies. Field errors go in <c>errors</c>, keyed by the JSON path of the field.</summary>
public static class BillingProblems
{
    public static ProblemDetails Create(int status, string title, string detail, Dictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"https://httpstatuses.io/{status}",
            Title = title,
            Status = status,
            Detail = detail,
        };
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static ProblemDetails Field(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Create(status, "The request is invalid.", $"{field}: {message}", new() { [field] = [message] });

    /// <summary>401; <paramref name="apiKeyHeader"/> names the other header the route accepts the key in, if any.</summary>
    public static ProblemDetails Unauthorized(string scheme, string? apiKeyHeader = null) => Create(
        StatusCodes.Status401Unauthorized,
        "Unauthorized",
        apiKeyHeader is null
            ? $"Send a valid {scheme} key as 'Authorization: Bearer <key>'."
            : $"Send a valid {scheme} key as 'Authorization: Bearer <key>' or '{apiKeyHeader}: <key>'.",
        apiKeyHeader is null
            ? new() { ["Authorization"] = ["missing or not a valid key for this endpoint"] }
            : new() { ["Authorization"] = ["missing or not a valid key for this endpoint"], [apiKeyHeader] = ["missing or not a valid key for this endpoint"] });
}
