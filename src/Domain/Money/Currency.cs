namespace Billing.Domain.Money;

/// <summary>An ISO 4217 code, upper case. <c>default</c> is invalid: use <see cref="Usd"/>.</summary>
public readonly record struct Currency
{
    public static readonly Currency Usd = new("USD");

    public Currency(string code)
    {
        Guard.That(IsValidCode(code), "must be a three-letter ISO 4217 code", nameof(code));
        Code = code.ToUpperInvariant();
    }

    public string Code { get; }

    public static bool IsValidCode(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetter);

    public override string ToString() => Code;
}
