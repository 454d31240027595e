namespace Billing.Domain.Subjects;

/// <summary>The wire names of <see cref="SubjectKind"/>: <c>key</c>, <c>user</c>, <c>team</c>, <c>org</c>, <c>end_user</c>.</summary>
public static class SubjectKinds
{
    private static readonly NameTable<SubjectKind> Table = new(
        (SubjectKind.Key, "key"), (SubjectKind.User, "user"), (SubjectKind.Team, "team"), (SubjectKind.Org, "org"), (SubjectKind.EndUser, "end_user"));

    public static IReadOnlyList<SubjectKind> All => Table.Values;

    /// <summary>The wire names for messages: <c>key, user, team, org or end_user</c>.</summary>
    public static string Names { get; } = Table.Join("or");

    public static string Name(SubjectKind kind) => Table.Name(kind);

    public static bool TryParse(ReadOnlySpan<char> name, out SubjectKind kind) => Table.TryParse(name, out kind);
}
