namespace Billing.Domain.Subjects;

/// <summary>Who a usage event is attributed to. The order is the order of the check's response.</summary>
public enum SubjectKind
{
    Key,
    User,
    Team,
    Org,
    EndUser,
}
