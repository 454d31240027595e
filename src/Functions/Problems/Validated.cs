using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Problems;

/// <summary>A validated value, or the problem that says which field is wrong; exactly one is set.</summary>
public sealed record Validated<T>(T? Value, ProblemDetails? Problem);
