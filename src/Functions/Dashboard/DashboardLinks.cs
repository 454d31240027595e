using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Billing.Domain.Subjects;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Dashboard;

/// <summary>
/// Signed links to the owners' page: <c>/accounts/{subject}?exp=&lt;unix seconds&gt;&amp;sig=&lt;base64url HMAC-SHA256&gt;</c>,
/// the HMAC keyed with <see cref="DashboardOptions.SigningKey"/> over the UTF-8 of <c>"&lt;subject&gt;\n&lt;exp&gt;"</c>. A link
/// is valid while now &lt; exp; the signature is compared in constant time. Without a key no link is made or accepted.
/// </summary>
public sealed class DashboardLinks
{
    public const string PathPrefix = "/accounts/";
    private readonly byte[]? _key;

    public DashboardLinks(IOptions<DashboardOptions> options)
    {
        Lifetime = options.Value.LinkLifetime;
        _key = options.Value.SignedLinksOn ? Encoding.UTF8.GetBytes(options.Value.SigningKey!) : null;
    }

    public bool Enabled => _key is not null;

    /// <summary>The default lifetime of a link (<see cref="DashboardOptions.LinkLifetime"/>).</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The page's path for <paramref name="subject"/>, the whole id percent-encoded: <c>/accounts/team%3Aacme</c>.</summary>
    public static string PathOf(SubjectId subject) => PathPrefix + Uri.EscapeDataString(subject.ToString());

    /// <summary>A signed link under <paramref name="baseUrl"/> (the app's public base URL) valid until <paramref name="expires"/>, rounded down to the second.</summary>
    public DashboardLink Create(string baseUrl, SubjectId subject, DateTimeOffset expires)
    {
        var key = _key ?? throw new InvalidOperationException("Dashboard:SigningKey is not set; signed links are off.");
        var exp = expires.ToUnixTimeSeconds();
        var sig = Base64Url(Sign(key, subject.ToString(), exp));
        return new(FormattableString.Invariant($"{baseUrl.TrimEnd('/')}{PathOf(subject)}?exp={exp}&sig={sig}"), DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>
    /// Whether <paramref name="exp"/> and <paramref name="sig"/> sign <paramref name="subject"/> (the id as the path
    /// spells it, decoded) and have not expired at <paramref name="now"/>. Every malformed part is simply false.
    /// </summary>
    public bool Verify(string subject, string? exp, string? sig, DateTimeOffset now)
    {
        if (_key is null || exp is null || sig is null) return false;
        if (exp.Length is 0 or > 12 || exp[0] == '0' || !exp.All(char.IsAsciiDigit) || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        // The signature is compared as its canonical base64url text, so no second spelling of the same bytes passes.
        var expected = Encoding.ASCII.GetBytes(Base64Url(Sign(_key, subject, seconds)));
        var matches = CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(sig));
        return matches && now.ToUnixTimeSeconds() < seconds;
    }

    private static byte[] Sign(byte[] key, string subject, long exp) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{subject}\n{exp}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A signed page link and the instant it stops working.</summary>
public sealed record DashboardLink(string Url, DateTimeOffset ExpiresAt);
