using System.Globalization;
using System.Text;
using MimeKit;

namespace Billing.Functions.Alerts;

/// <summary>
/// Pure rendering of an <see cref="AlertEmail"/>: no clock, no I/O. <see cref="Render"/> gives the subject line and
/// both parts; <see cref="ToMimeMessage"/> wraps them in a multipart/alternative message.
/// </summary>
public static class AlertEmailRenderer
{
    /// <summary>Domain part of every Message-ID this app sends.</summary>
    public const string MessageIdDomain = "billing.local";

    public static RenderedAlertEmail Render(AlertEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var facts = AlertFacts.For(email);
        var subjectLine = SubjectLine(email);
        return new(subjectLine, AlertEmailText.Render(email, facts), AlertEmailHtml.Render(email, facts, subjectLine));
    }

    /// <summary><c>Budget alert: team:acme "daily" at 80% (8.00 of 10.00 USD)</c>; tokens and requests windows use those units.</summary>
    public static string SubjectLine(AlertEmail email) =>
        $"Budget alert: {AlertFigures.OneLine(email.Subject)} \"{AlertFigures.OneLine(email.WindowName)}\" at {AlertFigures.OneLine(email.Threshold)} " +
        $"({AlertFigures.Amount(email, email.Used)} of {AlertFigures.AmountWithUnit(email, email.Limit)})";

    /// <summary>The message to send: From, every recipient in To, the subject, Date = <paramref name="now"/>, a stable Message-ID and both parts.</summary>
    public static MimeMessage ToMimeMessage(AlertEmail email, MailboxAddress from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(from);
        var rendered = Render(email);
        var message = new MimeMessage
        {
            Subject = rendered.SubjectLine,
            Date = now,
            MessageId = MessageIdFor(email.MessageId),
            Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.AddRange(email.To.Select(to => MailAddresses.Parse(to, nameof(email.To))));
        // RFC 3834: an automatic message, so auto-responders do not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>
    /// The Message-ID (without angle brackets) for a caller's stable id: <c>{id}@billing.local</c>. Letters, digits,
    /// '-', '_' and single inner dots stay; every other character becomes <c>=XX</c> per UTF-8 byte, so distinct ids
    /// stay distinct.
    /// </summary>
    public static string MessageIdFor(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var left = new StringBuilder(id.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var isInnerDot = c == '.' && i > 0 && i < id.Length - 1 && id[i - 1] != '.';
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || isInnerDot)
            {
                left.Append(c);
                continue;
            }

            // A lone surrogate decodes as U+FFFD; it cannot be sent as text anyway.
            Rune.DecodeFromUtf16(id.AsSpan(i), out var rune, out var consumed);
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) left.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            i += consumed - 1;
        }

        return $"{left}@{MessageIdDomain}";
    }
}
