using System.Globalization;
using Billing.Domain.Money;
using Billing.Domain.Prices;
using Billing.Domain.Subjects;
using Billing.Domain.Usage;
using Billing.Functions.Entitlements;
using Billing.Functions.Prices;
using Billing.Functions.Problems;
using Billing.Functions.Reports;
using Billing.Functions.Storage;

namespace Billing.Functions.Usage.Manual;

/// <summary>
/// Validates a manual usage entry, prices it (the caller's cost, else the price book for its tokens, else 0) and
/// applies it to the ledger directly. The id is single-use: its first request is recorded (<see cref="ManualEntryStore"/>)
/// before the ledger write, and the same id with another body is a 409. The same body again applies what the first
/// one recorded; the ledger applies it once per subject, so a retry after a crash completes it and a plain repeat
/// applies nothing.
/// </summary>
public sealed class ManualUsageHandler(MeteredLedger ledger, ManualEntryStore entries, PriceBookCache prices, TimeProvider time, ILogger<ManualUsageHandler> logger)
{
    public const string IdPrefix = "manual:";
    public const int MaxIdLength = 256;
    public const int MaxProviderLength = 256;
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);

    public async Task<Validated<ManualUsageResponse>> EnterAsync(ManualUsageRequest? request, CancellationToken cancellationToken)
    {
        var validated = Validate(request, time.GetUtcNow());
        if (validated.Value is not { } entry) return new(null, validated.Problem);
        try
        {
            entry = entry with { Usage = await PriceBookPricing.PriceAsync(prices, entry.Usage, "cost", cancellationToken) };
        }
        catch (PayloadFieldException e)
        {
            return new(null, BillingProblems.Field(e.Field, e.Problem));
        }

        var recorded = await entries.AddAsync(entry, cancellationToken);
        if (recorded.BodyHash != entry.BodyHash)
        {
            var id = entry.Usage.Id.Value[IdPrefix.Length..];
            return new(null, BillingProblems.Field("id", $"'{(id.Length > 80 ? id[..80] + "…" : id)}' was entered before with another body; ids are single-use (use a new id for a correction)",
                StatusCodes.Status409Conflict));
        }
        var usage = recorded.Usage;
        var result = await ledger.ApplyAsync("usage.manual", [usage], cancellationToken);
        UsageLog.ManualUsage(logger, usage.Id.Value, usage.Subjects.Count, result.Applied, result.Duplicates);
        return new(new ManualUsageResponse(usage.Id.Value, result.Applied > 0, usage.Subjects.Select(s => s.ToString()).ToList(),
            usage.Cost, PriceSources.Name(usage.PriceSource)), null);
    }

    /// <summary>
    /// The event the request describes (<see cref="PriceSource.Manual"/> with its cost, else unpriced: the book may
    /// price it) and the hash of the request (<see cref="ManualRequestHash"/>).
    /// </summary>
    private static Validated<ManualEntry> Validate(ManualUsageRequest? request, DateTimeOffset now)
    {
        if (request is null) return Problem("body", "is missing; expected {\"subjects\": {...}, \"model\": \"...\"}");
        var id = request.Id ?? Guid.NewGuid().ToString();
        if (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl))
            return Problem("id", $"must be 1 to {MaxIdLength} characters without control characters");
        var subjects = RequestSubjects.Parse(request.Subjects);
        if (subjects.Problem is not null) return new(null, subjects.Problem);
        if (string.IsNullOrEmpty(request.Model)) return Problem("model", "is required");
        if (request.Model.Length > LiteLlmNormalizer.MaxModelLength) return Problem("model", $"must be at most {LiteLlmNormalizer.MaxModelLength} characters");
        if (request.Provider is { Length: > MaxProviderLength }) return Problem("provider", $"must be at most {MaxProviderLength} characters");
        if (request.Cost is { } given && (given < 0 || given > LiteLlmNormalizer.MaxCost || given != MoneyUnits.RoundToNanos(given)))
            return Problem("cost", $"must be from 0 to {LiteLlmNormalizer.MaxCost}, with at most nine decimals");
        var tokens = Tokens(request);
        if (tokens.Problem is not null) return new(null, tokens.Problem);
        var at = At(request.At, now);
        if (at.Problem is not null) return new(null, at.Problem);
        var status = request.Status switch
        {
            null or "success" => UsageStatus.Success,
            "failure" => UsageStatus.Failure,
            _ => (UsageStatus?)null,
        };
        if (status is null) return Problem("status", "must be \"success\" or \"failure\"");

        var (cost, source) = request.Cost is { } c ? (c, PriceSource.Manual) : (0m, PriceSource.Unpriced);
        var usage = new UsageEvent(new UsageEventId(IdPrefix + id), status.Value, at.Value, request.Model, request.Provider is { Length: > 0 } p ? p : null,
            tokens.Value, cost, cacheHit: false, subjects.Value!, source);
        var hash = ManualRequestHash.Of(request, usage.Subjects, status.Value, tokens.Value, request.At is null ? null : at.Value);
        return new(new ManualEntry(usage, hash), null);
    }

    private static Validated<TokenCounts> Tokens(ManualUsageRequest request)
    {
        var counts = new (string Field, long? Value)[]
        {
            ("prompt_tokens", request.PromptTokens), ("completion_tokens", request.CompletionTokens),
            ("cached_prompt_tokens", request.CachedPromptTokens), ("reasoning_tokens", request.ReasoningTokens),
        };
        foreach (var (field, value) in counts)
        {
            if (value < 0) return new(default, BillingProblems.Field(field, "must not be negative"));
        }
        var tokens = new TokenCounts(request.PromptTokens ?? 0, request.CompletionTokens ?? 0, request.CachedPromptTokens ?? 0, request.ReasoningTokens ?? 0);
        if (tokens.Completion > long.MaxValue - tokens.Prompt)
            return new(default, BillingProblems.Field("completion_tokens", "makes the tokens larger than a 64-bit count"));
        if (tokens.CachedPrompt > tokens.Prompt)
            return new(default, BillingProblems.Field("cached_prompt_tokens", "must not be more than prompt_tokens (cached tokens are part of the prompt)"));
        if (tokens.Reasoning > tokens.Completion)
            return new(default, BillingProblems.Field("reasoning_tokens", "must not be more than completion_tokens (reasoning tokens are part of the completion)"));
        return new(tokens, null);
    }

    /// <summary>Unix seconds of <paramref name="text"/> (an instant with an offset), or of now; at most <see cref="MaxFuture"/> ahead.</summary>
    private static Validated<long> At(string? text, DateTimeOffset now)
    {
        if (text is null) return new(now.ToUnixTimeSeconds(), null);
        if (!ReportBound.TryParse(text, out var bound) || bound.Instant is not { } at)
            return new(0, BillingProblems.Field("at", "must be an ISO-8601 instant with an offset (2026-03-01T12:00:00Z)"));
        var seconds = at.ToUnixTimeSeconds();
        if (seconds < LiteLlmNormalizer.MinEpoch || seconds >= LiteLlmNormalizer.MaxEpoch)
            return new(0, BillingProblems.Field("at", "must lie between the years 2000 and 2200"));
        if (at > now + MaxFuture)
            return new(0, BillingProblems.Field("at", $"must not be more than {MaxFuture.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes in the future"));
        return new(seconds, null);
    }

    private static Validated<ManualEntry> Problem(string field, string message) => new(null, BillingProblems.Field(field, message));
}
