using Billing.Domain.Subjects;
using Microsoft.AspNetCore.Http.Features;

namespace Billing.Functions.Accounts;

/// <summary>
/// Reads the <c>{subject}</c> of <c>/api/accounts/{subject}</c> (and of <c>/api/accounts/{subject}/budgets/{name}/reset</c>)
/// from the raw request target, so a percent-encoded id keeps its <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and <c>%</c>
/// (routing would split or half-decode them).
/// </summary>
internal static class SubjectRoute
{
    public const string Prefix = "/api/accounts/";
    private const string BudgetsSegment = "/budgets/";
    private const string ResetSegment = "/reset";

    public static bool TryRead(HttpContext context, out SubjectId subject, out string raw)
    {
        raw = Uri.UnescapeDataString(RawRemainder(context));
        return SubjectId.TryParse(raw, out subject);
    }

    /// <summary>Reads <c>{subject}/budgets/{name}/reset</c>; the name is the last encoded segment before <c>/reset</c>.</summary>
    public static bool TryReadReset(HttpContext context, out SubjectId subject, out string window, out string raw)
    {
        var remainder = RawRemainder(context);
        subject = default;
        window = "";
        raw = Uri.UnescapeDataString(remainder);
        if (!remainder.EndsWith(ResetSegment, StringComparison.Ordinal)) return false;
        var beforeReset = remainder[..^ResetSegment.Length];
        var budgets = beforeReset.LastIndexOf(BudgetsSegment, StringComparison.Ordinal);
        if (budgets <= 0) return false;
        window = Uri.UnescapeDataString(beforeReset[(budgets + BudgetsSegment.Length)..]);
        raw = Uri.UnescapeDataString(beforeReset[..budgets]);
        return window.Length > 0 && SubjectId.TryParse(raw, out subject);
    }

    private static string RawRemainder(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.PathBase + context.Request.Path.ToUriComponent();
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        var start = target.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        return start < 0 ? "" : target[(start + Prefix.Length)..];
    }
}
