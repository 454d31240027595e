namespace Billing.Functions.Accounts;

/// <summary>Body of <c>PUT /api/accounts/{subject}</c>. Omitting <see cref="Budget"/> removes the budget (unlimited).</summary>
public sealed class AccountRequest
{
    public List<string>? Owners { get; set; }
    public string? Currency { get; set; }
    public BudgetRequest? Budget { get; set; }
}

public sealed class BudgetRequest
{
    public decimal? Limit { get; set; }
    /// <summary><c>daily</c>, <c>weekly</c> (ISO, Monday), <c>monthly</c> or <c>total</c>; UTC.</summary>
    public string? Period { get; set; }
}
