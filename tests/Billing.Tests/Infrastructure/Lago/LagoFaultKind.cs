namespace Billing.Tests.Infrastructure.Lago;

/// <summary>What a <see cref="LagoFault"/> does to a request; see the members of <see cref="LagoFault"/>.</summary>
public enum LagoFaultKind
{
    ServerError,
    TooManyRequests,
    Hang,
    StoreThenHang,
    Down,
}
