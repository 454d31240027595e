using System.Diagnostics.CodeAnalysis;

namespace Billing.Domain.Subjects;

/// <summary>
/// A subject written <c>kind:id</c>, e.g. <c>team:acme</c>. The id is any non-empty string up to
/// <see cref="MaxIdLength"/> characters, including <c>/ \ # ?</c> and unicode; storage encodes it.
/// <c>default</c> is invalid.
/// </summary>
public readonly record struct SubjectId
{
    public const int MaxIdLength = 1024;

    public SubjectId(SubjectKind kind, string id)
    {
        Guard.That(IsValidId(id), $"must be 1 to {MaxIdLength} characters", nameof(id));
        Kind = kind;
        Id = id;
    }

    public SubjectKind Kind { get; }
    public string Id { get; }

    public static bool IsValidId([NotNullWhen(true)] string? id) => id is { Length: > 0 and <= MaxIdLength };

    /// <summary>Parses <c>kind:id</c>; the id is everything after the first colon.</summary>
    public static bool TryParse(string? text, out SubjectId subject)
    {
        subject = default;
        var colon = text?.IndexOf(':') ?? -1;
        if (colon <= 0 || !SubjectKinds.TryParse(text.AsSpan(0, colon), out var kind)) return false;
        var id = text![(colon + 1)..];
        if (!IsValidId(id)) return false;
        subject = new SubjectId(kind, id);
        return true;
    }

    public override string ToString() => $"{SubjectKinds.Name(Kind)}:{Id}";
}
