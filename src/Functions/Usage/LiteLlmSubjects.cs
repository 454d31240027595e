using System.Text.Json;
using Billing.Domain.Subjects;

namespace Billing.Functions.Usage;

/// <summary>
/// The one rule that maps LiteLLM's caller identity to subjects: <c>user_api_key_hash</c> → key,
/// <c>user_api_key_user_id</c> → user, <c>user_api_key_team_id</c> → team, <c>user_api_key_org_id</c> → org and
/// <c>user_api_key_end_user_id</c> → end user. The usage payload carries these fields in <c>metadata</c> (with a
/// top-level <c>end_user</c> that wins), the guardrail request in <c>request_data</c>; both read them here so the
/// hold and the spend land on the same subjects. Empty or null fields name no subject; a wrong type or an overlong
/// id throws <see cref="PayloadFieldException"/> with the field's path.
/// </summary>
internal static class LiteLlmSubjects
{
    public const string EndUserField = "user_api_key_end_user_id";

    private static readonly (SubjectKind Kind, string Field)[] Fields =
    [
        (SubjectKind.Key, "user_api_key_hash"),
        (SubjectKind.User, "user_api_key_user_id"),
        (SubjectKind.Team, "user_api_key_team_id"),
        (SubjectKind.Org, "user_api_key_org_id"),
        (SubjectKind.EndUser, EndUserField),
    ];

    /// <summary>The field names, for messages: <c>user_api_key_hash, …, user_api_key_end_user_id</c>.</summary>
    public static string FieldNames { get; } = string.Join(", ", Fields.Select(f => f.Field));

    /// <summary>
    /// The subjects <paramref name="identity"/> names, in the order key, user, team, org, end user; none when it is
    /// null. <paramref name="endUser"/>, when set, is the end user instead of <c>user_api_key_end_user_id</c>
    /// (the usage payload's top-level <c>end_user</c>), and <paramref name="endUserField"/> its path.
    /// </summary>
    public static List<SubjectId> Read(JsonElement? identity, string path, string? endUser = null, string? endUserField = null)
    {
        var subjects = new List<SubjectId>(Fields.Length);
        foreach (var (kind, field) in Fields)
        {
            if (kind == SubjectKind.EndUser && endUser is not null) Add(kind, endUserField ?? field, endUser);
            else if (identity is { } i) Add(kind, path + field, JsonFields.String(i, field, path));
        }
        return subjects;

        void Add(SubjectKind kind, string field, string? id)
        {
            if (id is null) return;
            if (!SubjectId.IsValidId(id))
                throw new PayloadFieldException(field, $"{SubjectKinds.Name(kind)} subject id longer than {SubjectId.MaxIdLength} characters");
            subjects.Add(new SubjectId(kind, id));
        }
    }
}
