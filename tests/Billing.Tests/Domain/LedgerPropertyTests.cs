using Billing.Domain.Accounts;
using Billing.Domain.Budgets;
using Billing.Domain.Ledger;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Tests.Infrastructure;
using static Billing.Tests.Domain.LedgerRun;

namespace Billing.Tests.Domain;

/// <summary>
/// Random traffic with a fixed seed: events over a week around a DST change in Berlin, for several subjects and many
/// models, some late by hours or days, delivered in random chunks and orders, with the rollover and resets run at random.
/// </summary>
public sealed class LedgerPropertyTests
{
    private const int EventCount = 2_000;

    private static readonly SubjectId[] Subjects = [UsageEventBuilder.Team("acme"), UsageEventBuilder.Key("k1"), UsageEventBuilder.Key("k2")];

    private static readonly string[] Models = ["gpt-4o", "GPT-4o", "o3", "claude-3", "mistral", .. Enumerable.Range(0, 30).Select(i => $"m{i}")];

    private static Account AccountOf(SubjectId subject) => new AccountBuilder().For(subject).In("Europe/Berlin")
        .WithBudget(0.5m, WindowPeriod.Daily, "day", thresholds: [.. AlertThreshold.Defaults, AlertThreshold.OfAmount(0.3m)])
        .WithBudget(400_000m, WindowPeriod.Weekly, "week", BudgetMetric.Tokens)
        .WithBudget(300m, WindowPeriod.Monthly, "month", BudgetMetric.Requests, thresholds: [AlertThreshold.OfFraction(0.1m), AlertThreshold.OfAmount(50m)])
        .WithBudget(5m, WindowPeriod.Total, "ever")
        .WithBudget(0.05m, Every("PT1H", "2026-01-01T00:30Z"), "hour", mode: BudgetMode.Soft)
        .WithBudget(2m, Every("P7D", "2026-03-01T06:00Z"), "p7d")
        .WithBudget(3m, Every("P1M", "2026-01-31T12:00Z"), "p1m")
        .WithBudget(0.2m, WindowPeriod.Daily, "gpt", models: ["GPT-4o", "o3"])
        .Build();

    private static WindowPeriod Every(string duration, string anchor) =>
        WindowPeriod.Every(IsoDuration.TryParse(duration, out var d) ? d : throw new ArgumentException(duration), At(anchor));

    [Theory]
    [InlineData(20260329, "2026-03-26T00:00Z")]
    [InlineData(20261025, "2026-10-22T00:00Z")]
    [InlineData(7, "2026-12-28T00:00Z")]
    public void Random_postings_keep_the_ledger_invariants(int seed, string from)
    {
        var random = new Random(seed);
        var runs = Subjects.ToDictionary(s => s, s => new LedgerRun(AccountOf(s)));
        var applied = Subjects.ToDictionary(s => s, _ => new List<UsageEvent>());
        var statements = new HashSet<(SubjectId, string, DateTimeOffset)>();
        var pending = new List<UsageEvent>();
        var clock = At(from);

        for (var i = 0; i < EventCount; i++)
        {
            clock = clock.AddSeconds(random.Next(0, 540));
            pending.Add(RandomEvent(random, clock));
            if (random.Next(8) == 0 || i == EventCount - 1) Deliver(random, pending, runs, applied, clock, statements);
            if (random.Next(30) == 0)
            {
                var now = clock;
                foreach (var run in runs.Values)
                {
                    Check(run.Close(now).LastStatements, run, now, statements);
                    Assert.True(run.Ledger.NextDue(run.Account.Subject, run.Account, now, Grace) > now, "the rollover would be due again at once");
                }
            }
            if (random.Next(150) == 0)
            {
                // A reset on purpose, half a second after the events delivered so far.
                clock = clock.AddMilliseconds(500);
                var run = runs[Subjects[random.Next(Subjects.Length)]];
                Check(run.Reset(run.Account.Budgets[random.Next(run.Account.Budgets.Count)].Name, clock).LastStatements, run, clock, statements);
            }
            if (i % 250 == 249) Verify(runs, applied);
        }
        Verify(runs, applied);
        Assert.NotEmpty(statements);
        Assert.True(runs.Values.Sum(r => r.Crossings.Count()) > 20);
    }

    private static UsageEvent RandomEvent(Random random, DateTimeOffset clock)
    {
        var lateness = random.Next(100) switch
        {
            < 80 => random.Next(0, 120),
            < 95 => random.Next(0, 3 * 3600),
            _ => random.Next(0, 3 * 86_400),
        };
        var builder = new UsageEventBuilder()
            .At(clock.AddSeconds(-lateness))
            .WithModel(Models[random.Next(Models.Length)], random.Next(2) == 0 ? "openai" : null)
            .WithCost(random.Next(0, 20_000_000) / 1_000_000_000m)
            .WithTokens(random.Next(0, 2_000), random.Next(0, 500), random.Next(0, 100), random.Next(0, 50))
            .For([.. Subjects.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Subjects[random.Next(Subjects.Length)])]);
        if (random.Next(20) == 0) builder.Failed();
        if (random.Next(20) == 0) builder.CacheHit();
        return builder.Build();
    }

    /// <summary>Applies the pending events shuffled, in one to three chunks, to each of their subjects' ledgers.</summary>
    private static void Deliver(Random random, List<UsageEvent> pending, Dictionary<SubjectId, LedgerRun> runs,
        Dictionary<SubjectId, List<UsageEvent>> applied, DateTimeOffset clock, HashSet<(SubjectId, string, DateTimeOffset)> statements)
    {
        var shuffled = pending.OrderBy(_ => random.Next()).ToList();
        pending.Clear();
        var chunks = random.Next(1, 4);
        for (var c = 0; c < chunks; c++)
        {
            var chunk = shuffled.Skip(c * shuffled.Count / chunks).Take((c + 1) * shuffled.Count / chunks - c * shuffled.Count / chunks).ToList();
            foreach (var subject in Subjects)
            {
                var mine = chunk.Where(e => e.Subjects.Contains(subject)).ToArray();
                if (mine.Length == 0) continue;
                var run = runs[subject].Apply(mine);
                applied[subject].AddRange(mine);
                Assert.Equal(mine.Select(e => e.Id.Value).Order(), run.Last.OfType<UsageApplied>().Select(a => a.Event.Id.Value).Order());
                Check(run.LastStatements, run, clock, statements);
            }
        }
    }

    /// <summary>Each (subject, window, period) is stated once, and only once its period has ended.</summary>
    private static void Check(IEnumerable<Billing.Domain.Statements.PeriodStatement> posted, LedgerRun run, DateTimeOffset now,
        HashSet<(SubjectId, string, DateTimeOffset)> statements)
    {
        foreach (var statement in posted)
        {
            Assert.True(statements.Add((statement.Subject, statement.Window, statement.PeriodStart)), $"{statement.Window} {statement.PeriodStart:O} stated twice");
            Assert.True(statement.PeriodEnd <= now, $"{statement.Window} {statement.PeriodStart:O} stated before its end");
            Assert.Equal(run.Account.Subject, statement.Subject);
        }
    }

    private static void Verify(Dictionary<SubjectId, LedgerRun> runs, Dictionary<SubjectId, List<UsageEvent>> applied)
    {
        foreach (var (subject, run) in runs)
        {
            var events = applied[subject];
            var lifetime = events.Aggregate(UsageCounters.Zero, (sum, e) => sum + UsageCounters.Of(e));
            Assert.Equal(lifetime, run.Ledger.Lifetime);
            Assert.Equal(events.Count, run.Entries.OfType<UsageApplied>().Count());
            var newest = events.OrderByDescending(e => e.OccurredAtEpochSeconds).ThenByDescending(e => e.Id.Value, StringComparer.Ordinal).Take(RecentEvents.Capacity);
            Assert.Equal(newest.Select(RecentEvent.Of), run.Ledger.Recent.Events);

            var hours = run.Entries.OfType<HourRolledUp>().ToList();
            Assert.Equal(lifetime, hours.Aggregate(run.Ledger.Hour!.Usage.Total, (sum, h) => sum + h.Bucket.Usage.Total));
            Assert.Equal(hours.Count(h => h.FirstWrite), hours.Where(h => h.FirstWrite).Select(h => h.Bucket.Start).Distinct().Count());
            Assert.DoesNotContain(hours, h => h.FirstWrite && h.Bucket.Start >= run.Ledger.Hour.Start);
            var firstWrites = hours.Select((h, index) => (h, index)).Where(x => x.h.FirstWrite).ToDictionary(x => x.h.Bucket.Start, x => x.index);
            Assert.DoesNotContain(hours.Select((h, index) => (h, index)), x => !x.h.FirstWrite && firstWrites.GetValueOrDefault(x.h.Bucket.Start, -1) > x.index);

            var crossings = run.Crossings.ToList();
            Assert.Equal(crossings.Count, crossings.Select(c => (c.Window, c.SpanStart, c.ThresholdKey)).Distinct().Count());

            foreach (var window in run.Account.Budgets)
            {
                var ledger = run.Window(window.Name);
                foreach (var span in new[] { ledger.Current, ledger.Previous }.OfType<WindowSpan>())
                {
                    var expected = events.Where(e => window.Counts(e.Model) && span.Counts(e.OccurredAt))
                        .Aggregate(UsageCounters.Zero, (sum, e) => sum + UsageCounters.Of(e));
                    Assert.True(expected == span.Usage.Total, $"{subject} {window.Name} [{span.Start:O}, {span.End:O}): {span.Usage.Total} != {expected}");
                    var used = window.Used(span.Usage.Total);
                    var reached = window.Thresholds.Where(t => used > 0 && used >= t.AmountFor(window.Limit)).Select(t => t.Key);
                    Assert.Equal(reached.Order(), span.Crossed.Order());
                }
                Assert.All(crossings.Where(c => c.Window == window.Name), c => Assert.True(c.Used > 0 && c.Used >= ThresholdAmount(window, c.ThresholdKey)));
            }
        }
    }

    private static decimal ThresholdAmount(BudgetWindow window, string key) =>
        window.Thresholds.Single(t => t.Key == key).AmountFor(window.Limit);
}
