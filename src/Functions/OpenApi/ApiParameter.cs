using Microsoft.OpenApi;

namespace Billing.Functions.OpenApi;

/// <summary>A documented query or header parameter; its schema is that of <see cref="Type"/> (a string, an int…).</summary>
public sealed record ApiParameter(string Name, ParameterLocation In, Type Type, string Description, bool Required = false)
{
    public static ApiParameter Query<T>(string name, string description) => new(name, ParameterLocation.Query, typeof(T), description);

    public static ApiParameter Header<T>(string name, string description) => new(name, ParameterLocation.Header, typeof(T), description);
}
