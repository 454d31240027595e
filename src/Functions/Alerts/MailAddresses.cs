using MimeKit;

namespace Billing.Functions.Alerts;

/// <summary>One rule for what counts as an email address here: a mailbox with a local part and a domain, optionally with a display name.</summary>
internal static class MailAddresses
{
    public static bool TryParse(string? text, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!MailboxAddress.TryParse(text, out var parsed)) return false;
        if (string.IsNullOrEmpty(parsed.LocalPart) || string.IsNullOrEmpty(parsed.Domain)) return false;
        mailbox = parsed;
        return true;
    }

    public static MailboxAddress Parse(string text, string paramName) =>
        TryParse(text, out var mailbox) ? mailbox : throw new ArgumentException($"'{text}' is not an email address.", paramName);
}
