namespace Billing.Domain.Reconciliation;

/// <summary>
/// <see cref="Invariant.LagoOutbox"/>: every applied event Lago charges the subject for is still in its outbox or has
/// an outcome recorded (pushed, already in Lago, or parked). One difference per subject, naming the first missing ids.
/// </summary>
internal static class OutboxCheck
{
    private const int MaxNamed = 10;

    public static IEnumerable<Difference> Compare(Billing.Domain.Subjects.SubjectId subject, OutboxFigures figures)
    {
        var missing = figures.Billable.Where(id => !figures.InOutbox.Contains(id) && !figures.Recorded.Contains(id))
            .Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) yield break;
        var named = string.Join(", ", missing.Take(MaxNamed)) + (missing.Count > MaxNamed ? $" and {missing.Count - MaxNamed} more" : "");
        var billable = figures.Billable.Count;
        yield return new Difference(subject, Invariant.LagoOutbox, FigureText.Count(billable), FigureText.Count(billable - missing.Count),
            $"{FigureText.Counted(missing.Count, "billable event")} of {FigureText.Count(billable)} {(missing.Count == 1 ? "is" : "are")} neither in the Lago outbox nor recorded as answered by Lago: {named}");
    }
}
