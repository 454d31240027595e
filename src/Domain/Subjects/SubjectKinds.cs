namespace Billing.Domain.Subjects;

/// <summary>The wire names of <see cref="SubjectKind"/>: <c>key</c>, <c>user</c>, <c>team</c>, <c>org</c>, <c>end_user</c>.</summary>
public static class SubjectKinds
{
    public static readonly IReadOnlyList<SubjectKind> All =
        [SubjectKind.Key, SubjectKind.User, SubjectKind.Team, SubjectKind.Org, SubjectKind.EndUser];

    /// <summary>The wire names for messages: <c>key, user, team, org or end_user</c>.</summary>
    public static string Names => string.Join(", ", All.Take(All.Count - 1).Select(Name)) + " or " + Name(All[^1]);

    public static string Name(SubjectKind kind) => kind switch
    {
        SubjectKind.Key => "key",
        SubjectKind.User => "user",
        SubjectKind.Team => "team",
        SubjectKind.Org => "org",
        SubjectKind.EndUser => "end_user",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown subject kind"),
    };

    public static bool TryParse(ReadOnlySpan<char> name, out SubjectKind kind)
    {
        foreach (var candidate in All)
        {
            if (name.SequenceEqual(Name(candidate)))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
