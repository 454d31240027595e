using Billing.Domain.Subjects;

namespace Billing.Domain.Credits;

/// <summary>
/// One payer per event: every subject's spending caps apply, but only one subject's credits burn, or the usage would
/// be billed several times. The payer is the first subject, in <see cref="Order"/>, that has a prepaid account.
/// </summary>
public sealed record PayerRule(IReadOnlyList<SubjectKind> Order)
{
    public static readonly PayerRule Default = new([SubjectKind.Team, SubjectKind.Org, SubjectKind.User, SubjectKind.Key, SubjectKind.EndUser]);

    /// <summary>The payer among <paramref name="subjects"/>; null when none is prepaid.</summary>
    public SubjectId? Choose(IEnumerable<SubjectId> subjects, Func<SubjectId, bool> isPrepaid)
    {
        var candidates = subjects.Where(isPrepaid).ToList();
        foreach (var kind in Order)
        {
            foreach (var subject in candidates)
            {
                if (subject.Kind == kind) return subject;
            }
        }
        return null;
    }

    /// <summary>Parses <c>team,org,user,key,end_user</c>: every kind at most once; kinds left out never pay.</summary>
    public static bool TryParse(string? text, out PayerRule rule)
    {
        rule = Default;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var kinds = new List<SubjectKind>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!SubjectKinds.TryParse(name, out var kind) || kinds.Contains(kind)) return false;
            kinds.Add(kind);
        }
        rule = new PayerRule(kinds);
        return kinds.Count > 0;
    }
}
