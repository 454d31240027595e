using System.Globalization;
using Billing.Domain.Money;

namespace Billing.Tests.Fault;

/// <summary>
/// Everything the fault run posts, drawn from one <see cref="Random"/>: subjects and their accounts, the events (ids,
/// models, costs with up to twelve decimals, tokens, start times, some weeks back in closed periods), how many times
/// each is delivered (1–4) and the shuffled order. The expected figures are the run's own arithmetic over it.
/// </summary>
public sealed class FaultScenario
{
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "text-embedding-3-small"];

    private FaultScenario(IReadOnlyList<FaultEvent> events, IReadOnlyList<FaultEvent> deliveries, IReadOnlyList<FaultAccount> accounts)
    {
        Events = events;
        Deliveries = deliveries;
        Accounts = accounts;
    }

    public IReadOnlyList<FaultEvent> Events { get; }

    /// <summary>Every copy to post, shuffled.</summary>
    public IReadOnlyList<FaultEvent> Deliveries { get; }

    public IReadOnlyList<FaultAccount> Accounts { get; }

    public static FaultScenario Create(Random random, int count, DateTimeOffset now)
    {
        var teams = Math.Max(6, count / 100);
        var users = Math.Max(10, count / 50);
        var orgs = Math.Max(4, count / 400);
        var events = new List<FaultEvent>(count);
        for (var i = 0; i < count; i++)
        {
            // A tenth of the costs have more than nine decimals, so the app's rounding to nanos is part of the check.
            var cost = random.NextInt64(1, 20_000_000) * 0.000000001m;
            if (random.Next(10) == 0) cost += random.Next(1, 1000) * 0.000000000001m;
            // Most calls started in the last half hour; some weeks ago, in days and months already closed.
            var started = random.Next(100) < 85
                ? now.AddMilliseconds(-random.Next(0, 30 * 60_000))
                : now.AddMinutes(-random.Next(2 * 24 * 60, 40 * 24 * 60));
            events.Add(new FaultEvent(
                Id: $"fault-{i:D6}-{random.NextInt64():x16}",
                User: $"u{random.Next(users)}",
                Team: random.Next(100) < 85 ? $"t{random.Next(teams)}" : null,
                Org: random.Next(100) < 50 ? $"o{random.Next(orgs)}" : null,
                Model: Models[random.Next(Models.Length)],
                Cost: cost,
                PromptTokens: random.Next(10, 5000),
                CompletionTokens: random.Next(0, 2000),
                StartedAt: DateTimeOffset.FromUnixTimeMilliseconds(started.ToUnixTimeMilliseconds())));
        }

        var deliveries = events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 5))).ToArray();
        random.Shuffle(deliveries);
        return new FaultScenario(events, deliveries, CreateAccounts(random, events, teams, users, orgs));
    }

    /// <summary>Ledger spend of <paramref name="subject"/>: each event rounded to nanos as the app does, then summed.</summary>
    public decimal Spent(string subject) => Of(subject).Sum(e => MoneyUnits.RoundToNanos(e.Cost));

    public IEnumerable<FaultEvent> Of(string subject) => Events.Where(e => e.Subjects.Contains(subject));

    public IEnumerable<string> Subjects => Events.SelectMany(e => e.Subjects).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The events Lago must hold: those naming an org (the charged kind), each under its org's subscription.</summary>
    public IReadOnlyDictionary<string, (string Subscription, decimal Cost)> LagoEvents()
    {
        var subscriptions = Accounts.Where(a => a.LagoSubscription is not null).ToDictionary(a => a.Subject, a => a.LagoSubscription!);
        return Events.Where(e => e.Org is not null).ToDictionary(
            e => e.Id,
            e => (subscriptions.GetValueOrDefault("org:" + e.Org, e.Org!), MoneyUnits.RoundToNanos(e.Cost)));
    }

    private static List<FaultAccount> CreateAccounts(Random random, List<FaultEvent> events, int teams, int users, int orgs)
    {
        var accounts = new List<FaultAccount>();
        decimal Expected(string subject) => events.Where(e => e.Subjects.Contains(subject)).Sum(e => MoneyUnits.RoundToNanos(e.Cost));
        // A hard limit somewhere between a third of the subject's spend and twice it: some cross every threshold, some none.
        decimal Limit(string subject) => decimal.Round(Math.Max(Expected(subject), 0.01m) * (0.33m + random.Next(0, 170) / 100m), 6);

        for (var t = 0; t < teams; t++)
        {
            var subject = $"team:t{t}";
            switch (t % 3)
            {
                case 0: accounts.Add(new FaultAccount(subject, null, decimal.Round(Expected(subject) * (0.5m + random.Next(0, 100) / 100m) + 0.000000001m, 9), null)); break;
                case 1: accounts.Add(new FaultAccount(subject, Limit(subject), null, null)); break;
            }
        }
        for (var u = 0; u < users; u += 4) accounts.Add(new FaultAccount($"user:u{u}", Limit($"user:u{u}"), null, null));
        for (var o = 0; o < orgs; o += 2) accounts.Add(new FaultAccount($"org:o{o}", null, null, $"sub-o{o}-{random.Next(1000).ToString(CultureInfo.InvariantCulture)}"));
        return accounts;
    }
}
