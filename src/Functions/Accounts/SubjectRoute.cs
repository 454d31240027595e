using Billing.Domain.Subjects;
using Microsoft.AspNetCore.Http.Features;

namespace Billing.Functions.Accounts;

/// <summary>
/// Reads the <c>{subject}</c> of <c>/api/accounts/{subject}</c> (and of <c>/api/accounts/{subject}/budgets/{name}/reset</c>,
/// <c>…/usage</c> and <c>…/events</c>) from the raw request target, so a percent-encoded id keeps its <c>/</c>,
/// <c>\</c>, <c>#</c>, <c>?</c> and <c>%</c> (routing would split or half-decode them). A raw <c>/usage</c> or
/// <c>/events</c> at the end names a sub-resource; an id that itself ends so is sent with its <c>/</c> as <c>%2F</c>.
/// </summary>
internal static class SubjectRoute
{
    public const string Prefix = "/api/accounts/";
    private const string BudgetsSegment = "/budgets/";
    private const string ResetSegment = "/reset";
    private const string UsageSegment = "/usage";
    private const string EventsSegment = "/events";
    private const string DashboardLinkSegment = "/dashboard-link";

    public static bool TryRead(HttpContext context, out SubjectId subject, out string raw)
    {
        raw = Uri.UnescapeDataString(RawRemainder(context));
        return SubjectId.TryParse(raw, out subject);
    }

    /// <summary>
    /// Reads a GET target: nothing after <c>/api/accounts</c> is the <see cref="SubjectResource.List"/>; a raw
    /// <c>/usage</c> or <c>/events</c> at the end is that sub-resource of the subject before it; anything else is the
    /// subject's account. False when the subject is not <c>kind:id</c>.
    /// </summary>
    public static bool TryReadGet(HttpContext context, out SubjectResource resource, out SubjectId subject, out string raw)
    {
        var remainder = RawRemainder(context);
        resource = SubResource(remainder) ?? SubjectResource.Account;
        if (remainder.Length == 0) resource = SubjectResource.List;
        subject = default;
        raw = Uri.UnescapeDataString(resource switch
        {
            SubjectResource.Usage => remainder[..^UsageSegment.Length],
            SubjectResource.Events => remainder[..^EventsSegment.Length],
            _ => remainder,
        });
        return resource == SubjectResource.List || SubjectId.TryParse(raw, out subject);
    }

    /// <summary>The read-only sub-resource a target ends with (raw <c>/usage</c> or <c>/events</c>), or null.</summary>
    public static SubjectResource? SubResource(HttpContext context) => SubResource(RawRemainder(context));

    private static SubjectResource? SubResource(string remainder) =>
        remainder.EndsWith(UsageSegment, StringComparison.Ordinal) ? SubjectResource.Usage
        : remainder.EndsWith(EventsSegment, StringComparison.Ordinal) ? SubjectResource.Events
        : null;

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

    /// <summary>Reads <c>{subject}/dashboard-link</c> (a POST: a signed link to the owners' page).</summary>
    public static bool TryReadDashboardLink(HttpContext context, out SubjectId subject)
    {
        var remainder = RawRemainder(context);
        subject = default;
        return remainder.EndsWith(DashboardLinkSegment, StringComparison.Ordinal)
            && SubjectId.TryParse(Uri.UnescapeDataString(remainder[..^DashboardLinkSegment.Length]), out subject);
    }

    /// <summary>The raw (still percent-encoded) request target after <c>/api/accounts/</c>, without the query.</summary>
    internal static string RawRemainder(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.PathBase + context.Request.Path.ToUriComponent();
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        var start = target.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        return start < 0 ? "" : target[(start + Prefix.Length)..];
    }
}
