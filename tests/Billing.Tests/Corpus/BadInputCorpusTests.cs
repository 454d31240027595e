using Billing.Functions.OpenApi;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Corpus;

/// <summary>
/// The bad-input corpus (issue 13): every case of <c>TestData/corpus/corpus.json</c> against the real app on Azurite,
/// one after another on shared, seeded apps (each case snapshots every table before and after), and
/// <c>docs/reliability.md</c> written from the results.
/// </summary>
public sealed class BadInputCorpusTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_hostile_input_gets_a_4xx_problem_naming_the_field_or_a_quarantine_row_and_writes_nothing_else()
    {
        var cases = CorpusCase.Load();
        await using var apps = new CorpusApps(azurite);
        var runner = new CorpusRunner(apps);
        var results = new List<CorpusResult>();
        foreach (var c in cases)
        {
            try
            {
                results.Add(await runner.RunAsync(c));
            }
            catch (Exception e)
            {
                results.Add(new CorpusResult(c, "test error", "", [$"{e.GetType().Name}: {e.Message}"]));
            }
        }

        var weaknesses = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", "weaknesses.md"));
        await File.WriteAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "reliability.md"), ReliabilityReport.Render(results, weaknesses));
        var failed = results.Where(r => !r.Passed).Select(r => $"{r.Case.Id} ({r.Case.Target}): {string.Join("; ", r.Failures)}").ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} cases failed:\n" + string.Join("\n", failed));
    }

    [Fact]
    public void The_corpus_holds_at_least_80_distinct_cases_over_every_operation_and_every_other_input()
    {
        var cases = CorpusCase.Load();

        Assert.True(cases.Count >= 80, $"{cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(cases, c => Assert.True(c.Expect.QuarantineReason is not null || c.Expect.Status is >= 400 and < 500 || c.Expect is { Acknowledged: true, Status: 200 }, c.Id));
        Assert.All(cases, c => Assert.True(c.Expect.QuarantineReason is not null || c.Expect.Acknowledged || !string.IsNullOrEmpty(c.Expect.Field), c.Id + " names no field"));
        var operations = cases.Select(c => ReliabilityReport.Group(c.Target)).ToHashSet(StringComparer.Ordinal);
        var uncovered = ApiOperations.All.Select(o => $"{o.Method} {o.Path}").Where(o => !operations.Contains(o)).ToList();
        Assert.True(uncovered.Count == 0, "no case for " + string.Join(", ", uncovered));
        foreach (var other in new[] { "queue-message", "custom-handler /UsageWebhook", "custom-handler /UsageIngest", "timer-invocation /BudgetRollover", "timer-invocation /BudgetAlerts", "timer-invocation /LagoPush", "timer-invocation /LagoPull" })
            Assert.Contains(other, operations);
    }

    /// <summary>The folder holding Billing.sln, above the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Billing.sln"))) return dir.FullName;
        throw new InvalidOperationException("Billing.sln not found above " + AppContext.BaseDirectory);
    }
}
