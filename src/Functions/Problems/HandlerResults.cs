using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Problems;

/// <summary>The one mapping of a handler's <see cref="Validated{T}"/> at the edge: its value as JSON, or its problem.</summary>
public static class HandlerResults
{
    /// <summary>The problem a handler answered instead of a value; a handler that answered neither is a bug (500).</summary>
    public static ProblemHttpResult Problem(ProblemDetails? problem) =>
        TypedResults.Problem(problem ?? throw new InvalidOperationException("A handler answered neither a value nor a problem."));
}
