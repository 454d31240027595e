using Billing.Domain.Subjects;
using Microsoft.AspNetCore.Http.Features;

namespace Billing.Functions.Accounts;

/// <summary>
/// Reads the <c>{subject}</c> of <c>/api/accounts/{subject}</c> from the raw request target, so a percent-encoded
/// id keeps its <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and <c>%</c> (routing would split or half-decode them).
/// </summary>
internal static class SubjectRoute
{
    public const string Prefix = "/api/accounts/";

    public static bool TryRead(HttpContext context, out SubjectId subject, out string raw)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.PathBase + context.Request.Path.ToUriComponent();
        var query = target.IndexOf('?');
        if (query >= 0) target = target[..query];
        var start = target.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        raw = start < 0 ? "" : Uri.UnescapeDataString(target[(start + Prefix.Length)..]);
        return SubjectId.TryParse(raw, out subject);
    }
}
