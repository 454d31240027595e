using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Billing.Functions.Storage;
using Billing.Tests.Hosting;
using Billing.Tests.Infrastructure;
using Billing.Tests.Lago;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Tests.Corpus;

/// <summary>
/// Sends one corpus case to the app it targets and judges the answer: the expected 4xx problem naming the field (or
/// the quarantine row, or the bare acknowledgement), never a 5xx, within <see cref="Timeout"/> of real time, and no
/// table row written or changed beyond the quarantine rows the case allows.
/// </summary>
public sealed class CorpusRunner(CorpusApps apps)
{
    /// <summary>Real time a request may take; a network wait, so a hang fails the case instead of the run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<CorpusResult> RunAsync(CorpusCase c)
    {
        var app = c.Target.StartsWith("custom-handler ", StringComparison.Ordinal) || c.Target.StartsWith("timer-invocation ", StringComparison.Ordinal)
            ? await apps.CustomHandlerAsync()
            : c.Target.StartsWith("kestrel ", StringComparison.Ordinal) ? (await apps.KestrelAsync()).App : await apps.StandaloneAsync();
        var body = BodyOf(c);
        if (c.Lago is { Replay: true }) await SendAsync(c, app, body, CancellationToken.None); // the first delivery, acted on

        var before = await CorpusApps.SnapshotAsync(app);
        Observation observed;
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                observed = await SendAsync(c, app, body, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                observed = new Observation("hang", null, "", $"no answer within {Timeout.TotalSeconds} s");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
            {
                observed = new Observation("aborted", null, "", $"{e.GetType().Name}: {e.Message}");
            }
        }
        var after = await CorpusApps.SnapshotAsync(app);
        // A message a failing case let through is counted above; gone now, it cannot pass for a later case's write.
        if (app.Services.GetService<Billing.Functions.Usage.StorageUsageQueue>() is { } queue) await queue.Queue.ClearMessagesAsync();
        var quarantineAllowed = c.Expect.QuarantineReason is not null ? 1 : c.Expect.Quarantined;
        var changes = after.ChangesSince(before, quarantineAllowed);
        if (c.Expect.QuarantineReason is not null) observed = await QuarantinedAsync(app, before, observed);
        return Judge(c, observed, changes);
    }

    private static byte[] BodyOf(CorpusCase c) =>
        c.BodyGenerator is { } generator ? CorpusBodies.Generate(generator)
        : c.BodyBase64 is { } base64 ? Convert.FromBase64String(base64)
        : Encoding.UTF8.GetBytes(c.Body ?? "");

    private async Task<Observation> SendAsync(CorpusCase c, BillingApp app, byte[] body, CancellationToken cancellationToken)
    {
        var (kind, rest) = Split(c.Target);
        switch (kind)
        {
            case "queue-message":
                await app.UsageQueue.SendAsync([Encoding.UTF8.GetString(body)], cancellationToken);
                await app.Services.GetRequiredService<Billing.Functions.Usage.UsageQueueWorker>().DrainAsync(cancellationToken);
                return new Observation("drained", null, "", "");
            case "custom-handler" or "timer-invocation":
                return await InvokeAsync(c, app, rest, body, cancellationToken);
            case "kestrel":
                return await SlowLorisAsync(c, rest, body, cancellationToken);
            case "lago-webhook":
                return await HttpAsync(app.CreateClient(), LagoRequest(c, body), cancellationToken);
            default:
                var request = new HttpRequestMessage(new HttpMethod(kind), rest);
                Prepare(c, request, body);
                return await HttpAsync(app.CreateClient(), request, cancellationToken);
        }
    }

    private static (string Kind, string Tail) Split(string target)
    {
        var space = target.IndexOf(' ');
        return space < 0 ? (target, "") : (target[..space], target[(space + 1)..]);
    }

    private static void Prepare(CorpusCase c, HttpRequestMessage request, byte[] body)
    {
        if (body.Length > 0 || c.ContentType is { Length: > 0 })
        {
            request.Content = new ByteArrayContent(body);
            if (c.ContentType is not "") request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType ?? "application/json");
        }
        if (KeyOf(c.Key) is { } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var (name, value) in c.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
    }

    public static string? KeyOf(string key) => key switch
    {
        "ingest" => TestKeys.Ingest,
        "check" => TestKeys.Check,
        "admin" => TestKeys.Admin,
        "forged" => "forged-key-never-issued-00001",
        "none" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "ingest, check, admin, forged or none"),
    };

    private static HttpRequestMessage LagoRequest(CorpusCase c, byte[] body)
    {
        var lago = c.Lago ?? new LagoSigning();
        var sent = lago.Sign == "body_changed" ? [.. body, (byte)' '] : body;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lago/webhooks");
        Prepare(c, request, sent);
        var signature = lago.Sign switch
        {
            "hmac" or "body_changed" => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(LagoSigner.DefaultHmacKey), body)),
            "forged" => Convert.ToBase64String(HMACSHA256.HashData("a key Lago never had"u8, body)),
            "garbage" => "not base64 at all!",
            "none" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(c), lago.Sign, "hmac, forged, body_changed, garbage or none"),
        };
        if (signature is not null) request.Headers.TryAddWithoutValidation("X-Lago-Signature", signature);
        if (lago.Algorithm != "omit") request.Headers.TryAddWithoutValidation("X-Lago-Signature-Algorithm", lago.Algorithm);
        if (lago.UniqueKey is not null) request.Headers.TryAddWithoutValidation("X-Lago-Unique-Key", lago.UniqueKey);
        return request;
    }

    /// <summary>A custom-handler invocation: the body wrapped as the host wraps it, or (<c>envelope: raw</c>, and timers) the whole envelope.</summary>
    private static async Task<Observation> InvokeAsync(CorpusCase c, BillingApp app, string function, byte[] body, CancellationToken cancellationToken)
    {
        var name = function.TrimStart('/');
        var text = Encoding.UTF8.GetString(body);
        HttpContent content = c.Envelope == "raw" || c.Target.StartsWith("timer-invocation", StringComparison.Ordinal)
            ? new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(c.ContentType ?? "application/json") } }
            : name == Billing.Functions.Hosting.FunctionNames.UsageIngest
                ? HostPayloads.ServiceBusTrigger(name, text, HostPayloads.BodyEncoding.HostString, "m-" + c.Id, 1, CustomHandlerHost.Now)
                : HostPayloads.HttpTrigger(name, "usage", text, KeyOf(c.Key) is { } key ? "Bearer " + key : null, CustomHandlerHost.Now);
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + name) { Content = content };
        CustomHandlerHost.AddHostHeaders(request);
        var observed = await HttpAsync(app.CreateClient(), request, cancellationToken);
        // A 200 invocation result carrying an http output: what the caller of the function sees is that output.
        if (observed.Status != "200" || !TryParse(observed.Body, out var root) || !root.TryGetProperty("Outputs", out var outputs)
            || !outputs.TryGetProperty("res", out var res) || res.ValueKind != JsonValueKind.Object) return observed;
        var contentType = res.GetProperty("headers").TryGetProperty("Content-Type", out var type) ? type.GetString() : null;
        return new Observation(res.GetProperty("statusCode").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), contentType, res.GetProperty("body").GetString() ?? "", "");
    }

    /// <summary>
    /// A real socket to the Kestrel app: the headers promise a body, a few bytes of it arrive, then nothing. Kestrel's
    /// minimum body data rate must end the request with an answer or a closed connection, not hold it forever.
    /// </summary>
    private async Task<Observation> SlowLorisAsync(CorpusCase c, string target, byte[] body, CancellationToken cancellationToken)
    {
        var (_, url) = await apps.KestrelAsync();
        var (method, path) = Split(target);
        using var socket = new TcpClient();
        await socket.ConnectAsync(url.Host, url.Port, cancellationToken);
        var stream = socket.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {url.Authority}\r\nAuthorization: Bearer {KeyOf(c.Key)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(body.AsMemory(0, 4), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            answer.Write(buffer, 0, read);
            if (CompleteResponse(answer.ToArray())) break;
        }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        if (text.Length == 0) return new Observation("aborted", null, "", "connection closed without an answer");
        var status = text.Split(' ', 3)[1];
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var contentType = text[..headerEnd].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim();
        var content = text[(headerEnd + 4)..];
        if (text[..headerEnd].Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) content = Unchunk(content);
        return new Observation(status, contentType?.Split(';')[0], content, "");
    }

    private static string Unchunk(string chunked)
    {
        var body = new StringBuilder();
        for (var at = 0; at < chunked.Length;)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0) break;
            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.ToString();
    }

    private static bool CompleteResponse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0) return false;
        var length = text[..headerEnd].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null) return Encoding.UTF8.GetByteCount(text) - headerEnd - 4 >= int.Parse(length[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return text.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    private static async Task<Observation> HttpAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Observation(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), response.Content.Headers.ContentType?.MediaType, text, "");
    }

    /// <summary>For a queue message: the one quarantine row it added (source ingest) and its reason.</summary>
    private static async Task<Observation> QuarantinedAsync(BillingApp app, TableSnapshot before, Observation sent)
    {
        var known = before.Rows["quarantine"].Select(r => string.Join('|', r.Split('|')[..2])).ToHashSet();
        var added = new List<TableEntity>();
        await foreach (var row in app.Tables.Quarantine.QueryAsync<TableEntity>())
            if (!known.Contains($"{row.PartitionKey}|{row.RowKey}")) added.Add(row);
        if (added.Count != 1) return sent with { Status = $"{sent.Status}, {added.Count} quarantine rows" };
        var row1 = added[0];
        return sent with { Status = sent.Status is "drained" or "200" ? "quarantined" : sent.Status, Quarantine = $"{row1.GetString("Source")}: {row1.GetString("Reason")}" };
    }

    private static CorpusResult Judge(CorpusCase c, Observation observed, IReadOnlyList<string> changes)
    {
        var failures = new List<string>();
        var fields = "";
        if (observed.Status.StartsWith('5')) failures.Add($"server error {observed.Status}: {Cut(observed.Body, 300)}");
        if (observed.Status is "hang" or "aborted" && c.Expect.Status is not (408 or 400 or 413)) failures.Add(observed.Detail);
        if (c.Expect.QuarantineReason is { } reason)
        {
            fields = observed.Quarantine ?? "";
            if (observed.Status != "quarantined") failures.Add($"expected one quarantine row, got {observed.Status} {Cut(observed.Body, 200)}");
            else if (!fields.StartsWith("ingest: ", StringComparison.Ordinal) || !fields.Contains(reason, StringComparison.Ordinal)) failures.Add($"quarantine reason '{fields}' lacks '{reason}'");
        }
        else if (c.Expect.Acknowledged)
        {
            if (observed.Status != c.Expect.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture)) failures.Add($"expected {c.Expect.Status}, got {observed.Status}: {Cut(observed.Body, 200)}");
        }
        else
        {
            fields = ProblemFields(observed, c.Expect, failures);
        }
        failures.AddRange(changes.Select(change => "partial write: " + change));
        return new CorpusResult(c, observed.Status, fields, failures);
    }

    /// <summary>Checks an RFC 9457 problem with the expected status that names the field; returns the names it gives.</summary>
    private static string ProblemFields(Observation observed, CorpusExpectation expect, List<string> failures)
    {
        var status = expect.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (observed.Status != status) failures.Add($"expected {status}, got {observed.Status}: {Cut(observed.Body, 300)}");
        if (observed.Status is "hang" or "aborted") return "";
        if (observed.ContentType != "application/problem+json") failures.Add($"content type {observed.ContentType ?? "(none)"}, not application/problem+json");
        if (!TryParse(observed.Body, out var problem) || problem.ValueKind != JsonValueKind.Object)
        {
            failures.Add("the body is not a JSON problem: " + Cut(observed.Body, 200));
            return "";
        }
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            failures.Add("the problem has no errors: " + Cut(observed.Body, 300));
            return "";
        }
        var names = errors.EnumerateObject().Select(e => e.Name).ToList();
        if (!names.Contains(expect.Field!, StringComparer.Ordinal)) failures.Add($"errors do not name '{expect.Field}': {string.Join(", ", names)}");
        if (!problem.TryGetProperty("status", out var code) || code.ToString() != observed.Status) failures.Add("the problem's status differs from the response's");
        return string.Join(", ", names.Take(3)) + (names.Count > 3 ? ", …" : "");
    }

    private static bool TryParse(string text, out JsonElement root)
    {
        try
        {
            root = JsonDocument.Parse(text).RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

public sealed record Observation(string Status, string? ContentType, string Body, string Detail)
{
    public string? Quarantine { get; init; }
}

public sealed record CorpusResult(CorpusCase Case, string Status, string Fields, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
