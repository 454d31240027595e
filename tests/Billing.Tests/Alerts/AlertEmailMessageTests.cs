using Billing.Functions.Alerts;
using MimeKit;

namespace Billing.Tests.Alerts;

public sealed class AlertEmailMessageTests
{
    private static readonly MailboxAddress From = new("Billing", "billing@example.com");

    [Fact]
    public void Message_is_multipart_alternative_with_text_and_html()
    {
        var message = AlertEmailRenderer.ToMimeMessage(AlertEmails.Acme(), From, AlertEmails.Now);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("80.0%", message.TextBody);
        Assert.Contains("80.0%", message.HtmlBody);
    }

    [Fact]
    public void Message_headers_come_from_the_email_the_sender_and_the_given_time()
    {
        var message = AlertEmailRenderer.ToMimeMessage(AlertEmails.Acme(), From, AlertEmails.Now);

        Assert.Equal("\"Billing\" <billing@example.com>", message.From.ToString());
        Assert.Equal(["owner@acme.example", "finance@acme.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(AlertEmails.Now, message.Date);
        Assert.Equal("alert=3Ateam=3Aacme=3Adaily=3A80=3A2026-11-22@billing.local", message.MessageId);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Same_alert_rendered_twice_has_the_same_message_id()
    {
        var first = AlertEmailRenderer.ToMimeMessage(AlertEmails.Acme(), From, AlertEmails.Now);
        var resent = AlertEmailRenderer.ToMimeMessage(AlertEmails.Acme(), From, AlertEmails.Now.AddMinutes(5));

        Assert.Equal(first.MessageId, resent.MessageId);
    }

    [Theory]
    [InlineData("simple-id_1", "simple-id_1@billing.local")]
    [InlineData("a.b", "a.b@billing.local")]
    [InlineData(".a..b.", "=2Ea.=2Eb=2E@billing.local")]
    [InlineData("team:acme/daily 80%", "team=3Aacme=2Fdaily=2080=25@billing.local")]
    [InlineData("<x@y>", "=3Cx=40y=3E@billing.local")]
    [InlineData("zürich🚀", "z=C3=BCrich=F0=9F=9A=80@billing.local")]
    public void Message_id_keeps_safe_characters_and_escapes_the_rest(string id, string expected)
    {
        Assert.Equal(expected, AlertEmailRenderer.MessageIdFor(id));
    }

    [Fact]
    public void Distinct_ids_stay_distinct_after_escaping()
    {
        Assert.NotEqual(AlertEmailRenderer.MessageIdFor("a:b"), AlertEmailRenderer.MessageIdFor("a/b"));
        Assert.NotEqual(AlertEmailRenderer.MessageIdFor("a:b"), AlertEmailRenderer.MessageIdFor("a=3Ab"));
    }

    [Fact]
    public void Message_id_round_trips_through_mime()
    {
        var message = AlertEmailRenderer.ToMimeMessage(AlertEmails.Acme() with { MessageId = ".a..b:<c>" }, From, AlertEmails.Now);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;

        var parsed = MimeMessage.Load(stream);

        Assert.Equal(message.MessageId, parsed.MessageId);
    }

    [Fact]
    public void Email_without_recipients_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AlertEmails.Acme() with { To = [] });
        Assert.Throws<ArgumentException>(() => AlertEmails.Acme() with { To = ["not an address"] });
    }

    [Fact]
    public void Email_with_an_unknown_metric_or_mode_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AlertEmails.Acme() with { Metric = "dollars" });
        Assert.Throws<ArgumentException>(() => AlertEmails.Acme() with { Mode = "HARD" });
    }

    [Fact]
    public void Details_link_must_be_http_or_https()
    {
        Assert.Throws<ArgumentException>(() => AlertEmails.Acme() with { DetailsUrl = "javascript:alert(1)" });
    }
}
