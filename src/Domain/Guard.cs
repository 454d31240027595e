namespace Billing.Domain;

/// <summary>The one place the domain throws: caller bugs only (NodaTime's Preconditions).</summary>
public static class Guard
{
    public static string NotEmpty(string? value, string paramName) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException("must not be empty", paramName) : value;

    public static T NotNull<T>(T? value, string paramName) where T : class =>
        value ?? throw new ArgumentNullException(paramName);

    public static long NotNegative(long value, string paramName) =>
        value < 0 ? throw new ArgumentOutOfRangeException(paramName, value, "must not be negative") : value;

    public static decimal NotNegative(decimal value, string paramName) =>
        value < 0 ? throw new ArgumentOutOfRangeException(paramName, value, "must not be negative") : value;

    public static void That(bool condition, string message, string paramName)
    {
        if (!condition) throw new ArgumentException(message, paramName);
    }
}
