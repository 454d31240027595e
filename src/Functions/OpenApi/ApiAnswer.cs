namespace Billing.Functions.OpenApi;

/// <summary>A documented success answer: its status and JSON body type (null: no body, as a 204).</summary>
public sealed record ApiAnswer(int Status, Type? Body, string Description)
{
    /// <summary>A response header the answer carries, e.g. <c>ETag</c>.</summary>
    public string? Header { get; init; }
}
