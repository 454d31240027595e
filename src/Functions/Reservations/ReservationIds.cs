using System.Buffers.Text;
using System.Text;
using Billing.Domain.Reservations;
using Billing.Domain.Subjects;

namespace Billing.Functions.Reservations;

/// <summary>
/// The ids the check makes for reservations: <c>res_</c>, 128 random bits, and the subjects that hold it
/// (<c>res_&lt;random&gt;.&lt;base64url of the subjects&gt;</c>), so a release finds the holds without an index row
/// to write per reservation and to delete after it. The random part makes an id unguessable; a release only removes a
/// hold whose id matches exactly.
/// </summary>
internal static class ReservationIds
{
    private const string Prefix = "res_";

    /// <summary>A new id for <paramref name="subjects"/>; null when they are too long together to fit a hold id.</summary>
    public static string? New(IReadOnlyList<SubjectId> subjects)
    {
        var random = Base64Url.EncodeToString(Guid.NewGuid().ToByteArray());
        var id = $"{Prefix}{random}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', subjects)))}";
        return id.Length <= Hold.MaxIdLength ? id : null;
    }

    /// <summary>The subjects a check-made id names; null for another id (a caller's own, or the guardrail's call id).</summary>
    public static IReadOnlyList<SubjectId>? Subjects(string id)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal) || id.IndexOf('.') is not (> 0 and var dot)) return null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        var subjects = new List<SubjectId>();
        foreach (var text in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (!SubjectId.TryParse(text, out var subject)) return null;
            subjects.Add(subject);
        }
        return subjects;
    }
}
