using Billing.Domain.Subjects;
using Billing.Functions.Dashboard;
using Microsoft.Extensions.Options;

namespace Billing.Tests.Dashboard;

/// <summary>The signed links: what verifies, and that changing any part of a link, or its expiry passing, does not.</summary>
public sealed class DashboardLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = Now.AddDays(7);
    private const string Subject = "team:acme/ops ü";

    private static DashboardLinks Links(string? key = "dashboard-signing-key-for-tests-0000001") =>
        new(Options.Create(new DashboardOptions { SigningKey = key }));

    private static (string Exp, string Sig) Parts(DashboardLink link)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link.Url).Query);
        return (query["exp"]!, query["sig"]!);
    }

    private static DashboardLink Link(DashboardLinks links) => links.Create("https://billing.example/", Parse(Subject), Expires);

    private static SubjectId Parse(string text) => SubjectId.TryParse(text, out var subject) ? subject : throw new ArgumentException(text);

    [Fact]
    public void A_link_names_the_encoded_subject_and_verifies_until_it_expires()
    {
        var links = Links();
        var link = Link(links);
        var (exp, sig) = Parts(link);

        Assert.StartsWith("https://billing.example/accounts/team%3Aacme%2Fops%20%C3%BC?exp=", link.Url);
        Assert.Equal(Expires, link.ExpiresAt);
        Assert.Equal(43, sig.Length);
        Assert.True(links.Verify(Subject, exp, sig, Now));
        Assert.True(links.Verify(Subject, exp, sig, Expires.AddSeconds(-1)));
        Assert.False(links.Verify(Subject, exp, sig, Expires));
        Assert.False(links.Verify(Subject, exp, sig, Expires.AddDays(1)));
    }

    [Fact]
    public void Changing_any_character_of_the_subject_the_expiry_or_the_signature_fails()
    {
        var links = Links();
        var (exp, sig) = Parts(Link(links));

        for (var i = 0; i < Subject.Length; i++)
            Assert.False(links.Verify(Subject[..i] + (char)(Subject[i] + 1) + Subject[(i + 1)..], exp, sig, Now), $"subject[{i}]");
        for (var i = 0; i < exp.Length; i++)
            Assert.False(links.Verify(Subject, exp[..i] + (exp[i] == '9' ? '8' : (char)(exp[i] + 1)) + exp[(i + 1)..], sig, Now), $"exp[{i}]");
        for (var i = 0; i < sig.Length; i++)
            Assert.False(links.Verify(Subject, exp, sig[..i] + (sig[i] == 'A' ? 'B' : 'A') + sig[(i + 1)..], Now), $"sig[{i}]");
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("", "sig")]
    [InlineData("0{exp}", "{sig}")]
    [InlineData("+{exp}", "{sig}")]
    [InlineData("{exp}.0", "{sig}")]
    [InlineData("99999999999999", "{sig}")]
    [InlineData("{exp}", null)]
    [InlineData("{exp}", "")]
    [InlineData("{exp}", "{sig}=")]
    [InlineData("{exp}", "{sig}A")]
    public void Malformed_parts_fail(string? exp, string? sig)
    {
        var links = Links();
        var (goodExp, goodSig) = Parts(Link(links));

        Assert.False(links.Verify(Subject, exp?.Replace("{exp}", goodExp), sig?.Replace("{sig}", goodSig), Now));
    }

    [Fact]
    public void Another_key_does_not_verify_and_without_a_key_links_are_off()
    {
        var (exp, sig) = Parts(Link(Links()));

        Assert.False(Links("another-signing-key-of-at-least-32-chars").Verify(Subject, exp, sig, Now));
        Assert.False(Links(null).Enabled);
        Assert.False(Links(null).Verify(Subject, exp, sig, Now));
        Assert.Throws<InvalidOperationException>(() => Link(Links(null)));
    }
}
