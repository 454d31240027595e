using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Billing.Cli.Http;

/// <summary>
/// The HTTP API as the CLI uses it: JSON in and out, the admin key as a bearer token. A refused connection, a DNS
/// failure and a 401/403 become exit 3; any other non-2xx answer the caller did not accept becomes exit 1 with the
/// problem, and so do no answer within <paramref name="timeout"/> (headers and body; the service may still be working,
/// so it is not "unreachable"), a redirect (never followed: it is a wrong --url or a sign-in page, and the key must not
/// go after it), a 2xx that is not JSON (App Service Easy Auth's sign-in page, a proxy's page) or whose body breaks off.
/// <paramref name="trace"/> (<c>--verbose</c>) gets the method, URL and status, never the key.
/// A 429 is the service's rate limiter refusing the request before it ran, so it is sent again after
/// <c>Retry-After</c> (a line through <paramref name="notice"/>, for stderr), up to <see cref="MaxRateLimitRetries"/> times.
/// </summary>
internal sealed class ApiClient(HttpClient http, TimeSpan timeout, TextWriter? trace, Action<string> notice, TimeProvider time)
{
    /// <summary>How often one request is sent again after a 429 before the CLI gives up with exit 1.</summary>
    public const int MaxRateLimitRetries = 10;

    /// <summary>The longest <c>Retry-After</c> the CLI waits for; a longer one ends the command (exit 1) saying so.</summary>
    public static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromMinutes(2);

    /// <summary>The wait after a 429 without a usable <c>Retry-After</c>.</summary>
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(1);

    public Uri BaseAddress => http.BaseAddress!;

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken, params HttpStatusCode[] accepted) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken, accepted);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch,
        CancellationToken cancellationToken, params HttpStatusCode[] accepted)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await SendOnceAsync(method, path, body, ifMatch, cancellationToken, accepted);
            }
            catch (RateLimitedException limited) when (!accepted.Contains(HttpStatusCode.TooManyRequests))
            {
                var wait = limited.RetryAfter ?? DefaultRateLimitWait;
                if (retry >= MaxRateLimitRetries || wait > MaxRateLimitWait)
                    throw new CliException(ExitCodes.Problem, $"{limited.Problem.Message}\n  the service kept this key over its rate limit " +
                        (wait > MaxRateLimitWait ? FormattableString.Invariant($"(Retry-After {wait.TotalSeconds:0} s is longer than the CLI waits)") : $"({retry} retries)") +
                        "; try again later, or ask for a larger RateLimit__Admin__ budget", limited.Problem.Problem);
                notice(FormattableString.Invariant($"rate limited ({method} {limited.Url.AbsolutePath} answered 429); sending it again in ") +
                    FormattableString.Invariant($"{wait.TotalSeconds:0.#} s (retry {retry + 1} of {MaxRateLimitRetries})"));
                await Task.Delay(wait, time, cancellationToken);
            }
        }
    }

    private async Task<ApiResponse> SendOnceAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch,
        CancellationToken cancellationToken, HttpStatusCode[] accepted)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var url = new Uri(http.BaseAddress!, request.RequestUri!);
        // Wall-clock time, not the CLI's TimeProvider: this bounds a network wait, it is not a time the API sees.
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token);
        }
        catch (HttpRequestException e)
        {
            throw CliException.Unreachable($"cannot reach {url.GetLeftPart(UriPartial.Authority)}: {e.Message} (check --url / BILLING_URL)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(method, url);
        }
        using (response)
        {
            trace?.WriteLine($"{method} {url} -> {(int)response.StatusCode}");
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new CliException(ExitCodes.Problem, $"the service answered a redirect to {Target(url, response)}; check --url / BILLING_URL " +
                    $"({method} {url.AbsolutePath} answered {(int)response.StatusCode})");
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(method, url);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new CliException(ExitCodes.Problem, $"{method} {url.AbsolutePath}: the answer broke off while it was read ({e.Message})");
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw CliException.Unreachable($"the service refused the admin key ({(int)response.StatusCode}): check --key / BILLING_ADMIN_KEY");
            if (response.StatusCode == HttpStatusCode.TooManyRequests && !accepted.Contains(response.StatusCode))
                throw new RateLimitedException(url, RetryAfter(response), ProblemOf(method, url, response.StatusCode, Lenient(text), text));
            if (!response.IsSuccessStatusCode && !accepted.Contains(response.StatusCode))
                throw ProblemOf(method, url, response.StatusCode, Lenient(text), text);
            var json = response.IsSuccessStatusCode ? Json(method, url, response, text) : Lenient(text);
            return new ApiResponse(response.StatusCode, json, response.Headers.ETag?.ToString());
        }
    }

    /// <summary><c>Retry-After</c> as seconds or as a date; null when absent or in the past.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta >= TimeSpan.Zero => delta,
        { Date: { } date } when date - time.GetUtcNow() is var left && left >= TimeSpan.Zero => left,
        _ => null,
    };

    /// <summary>A 429: the request did not run, so it may be sent again after <see cref="RetryAfter"/>.</summary>
    private sealed class RateLimitedException(Uri url, TimeSpan? retryAfter, CliException problem) : Exception(problem.Message)
    {
        public Uri Url { get; } = url;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public CliException Problem { get; } = problem;
    }

    private CliException TimedOut(HttpMethod method, Uri url) =>
        new(ExitCodes.Problem, $"the service did not answer within {timeout.TotalSeconds:0} s (it may still be working); " +
            $"{method} {url.AbsolutePath}; --timeout sets the wait");

    private static string Target(Uri url, HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(url, location).ToString() : "(no Location header)";

    /// <summary>A 2xx body: empty (204 and the like), or JSON by its content type and its text; anything else is exit 1.</summary>
    private static JsonElement Json(HttpMethod method, Uri url, HttpResponseMessage response, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return default;
        var answered = $"{method} {url.AbsolutePath} answered {(int)response.StatusCode}";
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !(mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            throw new CliException(ExitCodes.Problem, $"{answered} with {mediaType ?? "no content type"}, not the API's JSON " +
                "(a sign-in page or a proxy answers like this); check --url / BILLING_URL");
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Problem, $"{answered} with JSON that does not parse ({e.Message})");
        }
    }

    /// <summary>A problem body: JSON when it is, otherwise nothing (its text is quoted as is).</summary>
    private static JsonElement Lenient(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return default;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static CliException ProblemOf(HttpMethod method, Uri url, HttpStatusCode status, JsonElement json, string text)
    {
        var message = new StringBuilder($"{method} {url.AbsolutePath} answered {(int)status} {status}");
        if (json.ValueKind == JsonValueKind.Object)
        {
            if (json.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String) message.Append($": {title.GetString()}");
            if (json.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String) message.Append($"\n  {detail.GetString()}");
            if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    foreach (var error in field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray() : Enumerable.Repeat(field.Value, 1))
                        message.Append($"\n  {field.Name}: {(error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText())}");
        }
        else if (!string.IsNullOrWhiteSpace(text))
            message.Append($": {(text.Length > 500 ? text[..500] + "…" : text)}");
        return new CliException(ExitCodes.Problem, message.ToString(), json.ValueKind == JsonValueKind.Object ? json : null);
    }
}
