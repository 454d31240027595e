namespace Billing.Functions.OpenApi;

/// <summary>
/// One operation as clients call it: method and path template (each <c>{name}</c> one percent-encoded segment, even
/// where the app's route is a catch-all), what it takes and what it answers. <see cref="Problems"/> are the
/// <c>application/problem+json</c> statuses besides 401, which every keyed operation may answer.
/// </summary>
public sealed record ApiOperation(string Method, string Path, string OperationId, string Summary, ApiKeyScheme Key)
{
    /// <summary>The JSON request body's type; null when the operation takes none.</summary>
    public Type? Body { get; init; }

    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    public required IReadOnlyList<ApiAnswer> Answers { get; init; }

    public IReadOnlyList<int> Problems { get; init; } = [];

    /// <summary>The <c>{name}</c> segments of <see cref="Path"/>, in order.</summary>
    public IEnumerable<string> PathParameters => Path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);
}
