namespace Billing.Domain.Money;

/// <summary>
/// An exact amount in one currency (NodaMoney style). Arithmetic is checked and mixing currencies throws.
/// <c>default</c> has no currency and is invalid for arithmetic.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public static Money FromNanos(long nanos, Currency currency) => new(MoneyUnits.FromNanos(nanos), currency);

    public long ToNanos() => MoneyUnits.ToNanos(Amount);

    public static Money operator +(Money left, Money right) =>
        new(checked(left.Amount + right.Amount), SameCurrency(left, right));

    public static Money operator -(Money left, Money right) =>
        new(checked(left.Amount - right.Amount), SameCurrency(left, right));

    public static bool operator >(Money left, Money right) => Compare(left, right) > 0;
    public static bool operator <(Money left, Money right) => Compare(left, right) < 0;
    public static bool operator >=(Money left, Money right) => Compare(left, right) >= 0;
    public static bool operator <=(Money left, Money right) => Compare(left, right) <= 0;

    public override string ToString() => $"{Amount} {Currency}";

    private static int Compare(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.Amount.CompareTo(right.Amount);
    }

    private static Currency SameCurrency(Money left, Money right)
    {
        if (left.Currency.Code is null || right.Currency.Code is null)
            throw new InvalidOperationException("default(Money) has no currency and cannot take part in arithmetic.");
        return left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
    }
}
