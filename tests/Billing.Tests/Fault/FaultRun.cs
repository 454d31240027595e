using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Storage.Queues;
using Billing.Tests.Infrastructure;
using Billing.Tests.Infrastructure.Lago;

namespace Billing.Tests.Fault;

/// <summary>
/// The fault run of issue 13: a seeded scenario posted through the webhook of two real app processes while they are
/// SIGKILLed and restarted, Azurite is restarted on its disk location, Lago fails and goes down and SMTP goes down;
/// then <see cref="FaultChecks"/> compares what the app says with the run's own arithmetic.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    public const string LagoApiKey = "lago-api-key-of-the-fault-run";
    private const string QueueName = "faultusage";

    private readonly Random _random;
    private readonly int _events;
    private readonly TextWriter _output;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billing-fault-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly AppProcess?[] _apps = new AppProcess?[2];
    private readonly int[] _consumers = new int[2];
    private readonly Lock _appsGate = new();
    private string _root = "";
    private AzuriteProcess? _azurite;
    private TestSmtpServer? _smtp;
    private LagoStandIn? _lago;
    private readonly List<Task> _outages = [];
    private int _posted;

    private FaultRun(int events, int seed, TextWriter output)
    {
        _events = events;
        _random = new Random(seed);
        _output = output;
        Figures = new FaultFigures { Seed = seed };
    }

    public FaultFigures Figures { get; private set; }

    /// <summary>Runs the whole scenario and returns its figures; the run's processes are stopped when it returns.</summary>
    public static async Task<FaultFigures> RunAsync(int events, int seed, TextWriter output, CancellationToken cancellationToken)
    {
        await using var run = new FaultRun(events, seed, output);
        await run.ExecuteAsync(cancellationToken);
        return run.Figures;
    }

    private async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var scenario = FaultScenario.Create(_random, _events, now);
        var batches = Batches(scenario.Deliveries);
        _consumers[0] = _random.Next(4, 17);
        _consumers[1] = _random.Next(4, 17);
        Figures = new FaultFigures
        {
            Seed = Figures.Seed, Events = scenario.Events.Count, Deliveries = scenario.Deliveries.Count, Batches = batches.Count,
            Subjects = scenario.Subjects.Count(), Accounts = scenario.Accounts.Count, LateEvents = scenario.Events.Count(e => e.StartedAt < now.AddHours(-1)),
            ConsumersA = _consumers[0], ConsumersB = _consumers[1],
        };

        Directory.CreateDirectory(_folder);
        Note($"folder {_folder}");
        _root = AzuriteProcess.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Repository root not found.");
        _azurite = await AzuriteProcess.StartAsync(_root, Path.Combine(_folder, "azurite"), cancellationToken);
        _smtp = await TestSmtpServer.StartAsync();
        _lago = await LagoStandIn.StartAsync(LagoApiKey, cancellationToken: cancellationToken);
        await Task.WhenAll(StartAppAsync(0, cancellationToken), StartAppAsync(1, cancellationToken));

        await PutAccountsAsync(scenario, cancellationToken);
        var faults = Faults(batches.Count);
        var posting = Stopwatch.StartNew();
        var injecting = InjectAsync(faults, cancellationToken);
        await PostAsync(batches, cancellationToken);
        Figures.PostingTime = posting.Elapsed;
        await injecting;

        var drain = Stopwatch.StartNew();
        var expectedEmails = scenario.Accounts.Sum(a => a.CrossedThresholds(scenario.Spent(a.Subject)));
        var drained = await WaitUntilDrainedAsync(scenario.LagoEvents().Count, expectedEmails, cancellationToken);
        Figures.DrainTime = drain.Elapsed;
        if (!drained) Figures.Fail($"not drained within the limit: {await DrainStateAsync(cancellationToken)}");

        using var admin = Client(App(0).Url, TestKeys.Admin);
        using var check = Client(App(0).Url, TestKeys.Check);
        await new FaultChecks(scenario, Figures, admin, check, _lago, _smtp, now).RunAsync(cancellationToken);
        Figures.WallTime = wall.Elapsed;
        _output.WriteLine(Figures.ToString());
    }

    private Dictionary<string, string> Settings(int instance) => new()
    {
        ["Storage__ConnectionString"] = _azurite!.ConnectionString,
        ["Storage__TablePrefix"] = "fault",
        ["Auth__IngestKey"] = TestKeys.Ingest,
        ["Auth__CheckKeys"] = TestKeys.Check,
        ["Auth__AdminKey"] = TestKeys.Admin,
        ["UsageQueue__Name"] = QueueName,
        ["UsageQueue__Consumers"] = _consumers[instance].ToString(CultureInfo.InvariantCulture),
        // Short, so a killed consumer's messages come back within the run. A receive of 32 messages that takes longer
        // (the two cores are busy) is kept invisible by the worker's lease, renewed every 15 s.
        ["UsageQueue__VisibilityTimeout"] = "00:00:30",
        ["UsageQueue__IdleDelay"] = "00:00:00.200",
        ["Timers__InProcess"] = "true",
        ["Timers__BudgetRollover__Schedule"] = "*/5 * * * * *",
        ["Timers__BudgetAlerts__Schedule"] = "*/2 * * * * *",
        ["Timers__BudgetAlerts__Backoff"] = "00:00:01",
        ["Timers__BudgetAlerts__MaxBackoff"] = "00:00:04",
        ["Timers__BudgetAlerts__ClaimFor"] = "00:00:10",
        ["Timers__LagoPush__Schedule"] = "*/2 * * * * *",
        ["Timers__LagoPush__Backoff"] = "00:00:01",
        ["Timers__LagoPush__MaxBackoff"] = "00:00:04",
        // A killed instance holds the push lease until it expires (2 minutes by default): short here, so a run replaces it soon.
        ["Timers__LagoPush__LeaseFor"] = "00:00:15",
        ["Timers__LagoPull__Schedule"] = "0 0 0 1 1 *",
        ["Check__Cache__Window"] = "00:00:00",
        ["Smtp__Host"] = TestSmtpServer.Host,
        ["Smtp__Port"] = _smtp!.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = "Billing <billing@fault.example>",
        ["Lago__ApiUrl"] = _lago!.ApiUrl,
        ["Lago__ApiKey"] = LagoApiKey,
        ["Lago__ChargeBy"] = "org",
        ["Lago__RequestTimeout"] = "00:00:02",
        ["OTEL_SDK_DISABLED"] = "true",
        // The run proves exactly-once under faults, not the rate limiter (tests/Billing.Tests/Security has its tests):
        // the verification sweep reads every subject at once, far above an operator's admin budget.
        ["RateLimit__Admin__PermitsPerSecond"] = "10000",
        ["RateLimit__Admin__Burst"] = "10000",
        ["RateLimit__Ingest__PermitsPerSecond"] = "10000",
        ["RateLimit__Ingest__Burst"] = "10000",
        ["RateLimit__Check__PermitsPerSecond"] = "10000",
        ["RateLimit__Check__Burst"] = "10000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_gcServer"] = "0",
    };

    private async Task StartAppAsync(int instance, CancellationToken cancellationToken)
    {
        var app = await AppProcess.StartAsync(instance == 0 ? "a" : "b", Settings(instance), _folder, cancellationToken);
        lock (_appsGate) _apps[instance] = app;
    }

    private AppProcess App(int instance)
    {
        lock (_appsGate) return _apps[instance] ?? throw new InvalidOperationException($"App {instance} is not running.");
    }

    private static HttpClient Client(Uri url, string key)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    private async Task PutAccountsAsync(FaultScenario scenario, CancellationToken cancellationToken)
    {
        using var admin = Client(App(0).Url, TestKeys.Admin);
        foreach (var account in scenario.Accounts)
        {
            var path = BillingClient.AccountPath(account.Subject);
            var put = await admin.PutAsJsonAsync(path, account.Body(), cancellationToken);
            if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"PUT {path}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(cancellationToken)}");
            if (account.Grant is not { } grant) continue;
            var granted = await admin.PostAsJsonAsync(path + "/credits", new { grant_id = "fault-grant", amount = grant, reason = "fault run" }, cancellationToken);
            if (!granted.IsSuccessStatusCode) throw new InvalidOperationException($"grant {path}: {(int)granted.StatusCode} {await granted.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private List<string> Batches(IReadOnlyList<FaultEvent> deliveries)
    {
        var batches = new List<string>();
        for (var i = 0; i < deliveries.Count;)
        {
            var size = Math.Min(_random.Next(1, 41), deliveries.Count - i);
            batches.Add(FaultBodies.Of(deliveries.Skip(i).Take(size)));
            i += size;
        }
        return batches;
    }

    /// <summary>Posts every batch, four at a time, to whichever instance is up; a failed post is retried, as LiteLLM would.</summary>
    private async Task PostAsync(List<string> batches, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async poster =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            while (Interlocked.Increment(ref next) is var index && index < batches.Count)
            {
                for (var attempt = 0; ; attempt++)
                {
                    AppProcess? app;
                    lock (_appsGate) app = _apps[(index + attempt) % 2] ?? _apps[(index + attempt + 1) % 2];
                    if (app is not null && await TryPostAsync(http, app.Url, batches[index], cancellationToken)) break;
                    Interlocked.Increment(ref Figures.HarnessRetries);
                    if (attempt > 600) throw new InvalidOperationException($"Batch {index} could not be posted in {attempt} attempts.");
                    await Task.Delay(100, cancellationToken);
                }
                Interlocked.Increment(ref _posted);
            }
        }));
    }

    private async Task<bool> TryPostAsync(HttpClient http, Uri url, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/usage")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new("Bearer", TestKeys.Ingest);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted) return true;
            if ((int)response.StatusCode < 500) Figures.Fail($"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private sealed record Fault(double At, string Name, Func<CancellationToken, Task> Act);

    /// <summary>The faults and where in the posting they strike (fraction of batches posted), drawn from the run's random.</summary>
    private List<Fault> Faults(int batches)
    {
        double Between(double from, double to) => from + _random.NextDouble() * (to - from);
        var lagoDown = TimeSpan.FromSeconds(4 + _random.Next(6));
        var smtpDown = TimeSpan.FromSeconds(4 + _random.Next(8));
        var faults = new List<Fault>
        {
            new(0, "Lago answers 500 twice, 429 twice, then hangs once", _ =>
            {
                _lago!.FailNext(2, LagoFault.ServerError);
                _lago.FailNext(2, LagoFault.TooManyRequests(retryAfterSeconds: 1, resetSeconds: 1));
                _lago.FailNext(1, LagoFault.Hang);
                _lago.FailNext(1, LagoFault.StoreThenHang);
                Figures.LagoFaultsInjected += 6;
                return Task.CompletedTask;
            }),
            new(Between(0.15, 0.3), "SIGKILL an app", KillAndRestartAsync),
            new(Between(0.45, 0.6), "SIGKILL an app", KillAndRestartAsync),
            new(Between(0.75, 0.9), "SIGKILL an app", KillAndRestartAsync),
            new(Between(0.3, 0.45), "restart Azurite", RestartAzuriteAsync),
            new(Between(0.2, 0.7), $"Lago down for {lagoDown.TotalSeconds} s", async ct =>
            {
                await _lago!.FailAlwaysAsync(LagoFault.Down);
                Figures.LagoFaultsInjected++;
                Outage(lagoDown, async () =>
                {
                    await _lago.RecoverAsync(ct);
                    Figures.LagoDowntime += lagoDown;
                    Note("Lago is back");
                }, ct);
            }),
            new(Between(0.2, 0.7), $"SMTP down for {smtpDown.TotalSeconds} s", async ct =>
            {
                await _smtp!.StopAsync();
                Outage(smtpDown, async () =>
                {
                    await _smtp.RestartAsync();
                    Figures.SmtpDowntime += smtpDown;
                    Note("SMTP is back");
                }, ct);
            }),
            new(Between(0.5, 0.9), "Lago answers 429 three times", _ =>
            {
                _lago!.FailNext(3, LagoFault.TooManyRequests(retryAfterSeconds: 2, resetSeconds: 2));
                Figures.LagoFaultsInjected += 3;
                return Task.CompletedTask;
            }),
            new(1.0, "SIGKILL an app while the queue drains", KillAndRestartAsync),
        };
        return [.. faults.OrderBy(f => f.At)];
    }

    /// <summary>Runs the faults in order, each once the posting reached its point; the last ones strike while the queue drains.</summary>
    private async Task InjectAsync(List<Fault> faults, CancellationToken cancellationToken)
    {
        var total = Figures.Batches;
        foreach (var fault in faults)
        {
            while (Volatile.Read(ref _posted) < fault.At * total) await Task.Delay(20, cancellationToken);
            var clock = Stopwatch.StartNew();
            await fault.Act(cancellationToken);
            Note($"{fault.Name} at {Volatile.Read(ref _posted)}/{total} posts ({clock.Elapsed.TotalSeconds:0.0} s)");
        }
        await Task.WhenAll(_outages);
    }

    /// <summary>An outage lasts while the other faults go on; <paramref name="end"/> runs after <paramref name="length"/> of real time.</summary>
    private void Outage(TimeSpan length, Func<Task> end, CancellationToken cancellationToken) =>
        _outages.Add(Task.Run(async () =>
        {
            await Task.Delay(length, cancellationToken);
            await end();
        }, cancellationToken));

    private async Task KillAndRestartAsync(CancellationToken cancellationToken)
    {
        var instance = _random.Next(2);
        AppProcess app;
        lock (_appsGate)
        {
            app = _apps[instance]!;
            _apps[instance] = null;
        }
        await app.KillAsync();
        Figures.Kills++;
        await app.DisposeAsync();
        await StartAppAsync(instance, cancellationToken);
        Figures.AppRestarts++;
    }

    /// <summary>SIGTERM (Azurite saves to its location), then a new Azurite on the same location and ports.</summary>
    private async Task RestartAzuriteAsync(CancellationToken cancellationToken)
    {
        var ports = _azurite!.Ports;
        await _azurite.DisposeAsync();
        _azurite = await AzuriteProcess.StartAsync(_root, Path.Combine(_folder, "azurite"), cancellationToken, ports);
        Figures.AzuriteRestarts++;
    }

    private async Task<bool> WaitUntilDrainedAsync(int lagoEvents, int emails, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(150, _events / 20));
        var queue = Queue();
        while (DateTimeOffset.UtcNow < deadline)
        {
            var messages = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            if (messages == 0 && _lago!.Events.Count >= lagoEvents && DistinctEmails() >= emails)
            {
                // Once more on demand, then a quiet moment: a doubled push or email would show up now.
                using var admin = Client(App(1).Url, TestKeys.Admin);
                await admin.PostAsync("/api/timers/LagoPush/run", null, cancellationToken);
                await admin.PostAsync("/api/timers/BudgetAlerts/run", null, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                return true;
            }
            await Task.Delay(500, cancellationToken);
        }
        return false;
    }

    /// <summary>The usage queue, on the service version the app pins (Azurite refuses newer ones).</summary>
    private QueueClient Queue() =>
        new(_azurite!.ConnectionString, QueueName, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));

    private int DistinctEmails() => _smtp!.Messages.Select(m => m.MessageId).Distinct().Count();

    private async Task<string> DrainStateAsync(CancellationToken cancellationToken)
    {
        var queue = Queue();
        var messages = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        return $"queue {messages} messages, Lago {_lago!.Events.Count} events, {DistinctEmails()} distinct emails";
    }

    private void Note(string line)
    {
        lock (Figures.Log) Figures.Log.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.f} {line}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
            if (app is not null) await app.DisposeAsync();
        if (_lago is not null) await _lago.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        if (Figures.Failures.Count > 0 || Environment.GetEnvironmentVariable("BILLING_FAULT_KEEP") == "1")
        {
            _output.WriteLine($"Kept {_folder} (Azurite's data and the apps' logs) for inspection.");
            return;
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for inspection; it is in the temp folder.
        }
    }
}
