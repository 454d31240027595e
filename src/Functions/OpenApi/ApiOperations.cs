using System.Text.Json;
using Billing.Functions.Accounts;
using Billing.Functions.Credits;
using Billing.Functions.Dashboard;
using Billing.Functions.Entitlements;
using Billing.Functions.Guardrail;
using Billing.Functions.Health;
using Billing.Functions.Lago;
using Billing.Functions.Prices;
using Billing.Functions.Quarantine;
using Billing.Functions.Reconcile;
using Billing.Functions.Reports;
using Billing.Functions.Usage;
using Billing.Functions.Usage.Manual;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Billing.Functions.OpenApi;

/// <summary>
/// The API surface the OpenAPI document describes, one row per operation as clients call it. The app's account and
/// price routes are catch-alls (subject ids and model names may hold <c>/</c>), which route metadata cannot describe,
/// so the document is written from this table (<see cref="ApiDocumentTransformer"/>). A new endpoint needs a row here:
/// <c>OpenApiDocumentTests</c> fails, naming the route, until it has one.
/// </summary>
public static class ApiOperations
{
    /// <summary>What each path parameter holds; every <c>{name}</c> in <see cref="All"/> has an entry.</summary>
    public static readonly IReadOnlyDictionary<string, string> PathParameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["subject"] = "The subject as kind:id (kind team, org, user, key or end_user), percent-encoded: team%3Aacme. Ids may hold any character, '/' included (%2F).",
        ["name"] = "A budget window's name, or a timer's name (BudgetRollover, BudgetAlerts, LagoPush, LagoPull).",
        ["grant_id"] = "The credit grant's id, percent-encoded.",
        ["model"] = "The model name as the ledger records it (LiteLLM's model_group, else model), exact and case-sensitive; percent-encoded, or with its '/' as is.",
        ["id"] = "A reservation id, as the check answered it (reservation_id); or a quarantined item's id, as the quarantine list answered it.",
    };

    private static readonly ApiParameter IfMatch = ApiParameter.Header<string>("If-Match", "The account's ETag: the write fails with 412 when the account changed since.");

    /// <summary>Every operation but health: each spends its caller's rate-limit budget, so each may answer 429.</summary>
    private static readonly IReadOnlyList<ApiOperation> RateLimited =
    [
        new("POST", "/api/usage", "postUsage", "Usage events from LiteLLM's generic_api callback", ApiKeyScheme.Ingest)
        {
            Body = typeof(JsonElement),
            Answers = [new(Status202Accepted, typeof(UsageAcceptedResponse), "Accepted: the usable elements are queued; the rejected ones are named by index.")],
            Problems = [Status400BadRequest, Status413PayloadTooLarge],
        },
        new("POST", "/api/check", "check", "May this call proceed? Every budget window of every subject, optionally reserving the estimate", ApiKeyScheme.Check)
        {
            Body = typeof(CheckRequest),
            Answers = [new(Status200OK, typeof(CheckResponse), "The decision; a denial is a normal 200 with allowed false and a reason.")],
            Problems = [Status400BadRequest, Status413PayloadTooLarge],
        },
        new("POST", GuardrailEndpoints.Route, "guardrail", "LiteLLM's Generic Guardrail API (pre_call): NONE or BLOCKED with a reason", ApiKeyScheme.CheckOrApiKey)
        {
            Body = typeof(GuardrailRequest),
            Answers = [new(Status200OK, typeof(GuardrailResponse), "action NONE, or BLOCKED with blocked_reason.")],
            Problems = [Status400BadRequest, Status413PayloadTooLarge],
        },
        new("DELETE", "/api/reservations/{id}", "releaseReservation", "Releases a hold the check made (the call failed before reaching LiteLLM)", ApiKeyScheme.Check)
        {
            Answers = [new(Status204NoContent, null, "Released.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("GET", "/api/accounts", "listAccounts", "A page of the accounts", ApiKeyScheme.Admin)
        {
            Parameters =
            [
                ApiParameter.Query<string>("prefix", "Only subjects that start with this text."),
                ApiParameter.Query<int>("limit", "Accounts per page, 1 to 1000 (default 100)."),
                ApiParameter.Query<string>("continuation", "The previous page's continuation."),
            ],
            Answers = [new(Status200OK, typeof(AccountListResponse), "A page; continuation is null on the last one.")],
            Problems = [Status400BadRequest],
        },
        new("PUT", "/api/accounts/{subject}", "putAccount", "Creates or replaces an account: owners, time zone and budget windows", ApiKeyScheme.Admin)
        {
            Body = typeof(AccountRequest),
            Parameters = [IfMatch],
            Answers = [new(Status200OK, typeof(AccountResponse), "The account view.") { Header = "ETag" }],
            Problems = [Status400BadRequest, Status405MethodNotAllowed, Status412PreconditionFailed, Status413PayloadTooLarge],
        },
        new("GET", "/api/accounts/{subject}", "getAccount", "An account with each window's period, used and remaining amounts", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(AccountResponse), "The account view.") { Header = "ETag" }],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("POST", "/api/accounts/{subject}/budgets/{name}/reset", "resetBudget", "Starts a window afresh: it counts from now, its thresholds re-armed", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(AccountResponse), "The account view.") { Header = "ETag" }],
            Problems = [Status400BadRequest, Status404NotFound, Status412PreconditionFailed],
        },
        new("GET", "/api/accounts/{subject}/usage", "getUsageReport", "Spend totals and groups over [from, to) from the hourly roll-ups", ApiKeyScheme.Admin)
        {
            Parameters =
            [
                ApiParameter.Query<string>("from", "An instant with an offset (2026-11-01T00:00:00Z) or a date (local midnight in the account's time zone). Default: the start of the local month of to."),
                ApiParameter.Query<string>("to", "As from; default now. At most 400 days after from."),
                ApiParameter.Query<string>("group_by", "day (default), model or provider."),
            ],
            Answers = [new(Status200OK, typeof(UsageReportResponse), "The report.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("GET", "/api/accounts/{subject}/events", "getRecentEvents", "The latest usage events, newest first", ApiKeyScheme.Admin)
        {
            Parameters = [ApiParameter.Query<int>("limit", "1 to 50 (default 50).")],
            Answers = [new(Status200OK, typeof(RecentEventsResponse), "The events.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("POST", "/api/accounts/{subject}/credits", "grantCredits", "Grants prepaid credits; the same grant_id and body again is answered 200", ApiKeyScheme.Admin)
        {
            Body = typeof(CreditGrantRequest),
            Answers =
            [
                new(Status201Created, typeof(CreditsResponse), "Granted."),
                new(Status200OK, typeof(CreditsResponse), "This grant was made before with the same body."),
            ],
            Problems = [Status400BadRequest, Status404NotFound, Status409Conflict, Status413PayloadTooLarge],
        },
        new("GET", "/api/accounts/{subject}/credits", "getCredits", "The credit balance and grants", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(CreditsResponse), "The credits view.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("GET", "/api/accounts/{subject}/credits/entries", "getCreditEntries", "The credit book's entries, newest first", ApiKeyScheme.Admin)
        {
            Parameters = [ApiParameter.Query<int>("limit", "1 to 1000 (default 100).")],
            Answers = [new(Status200OK, typeof(CreditEntriesResponse), "The entries.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("DELETE", "/api/accounts/{subject}/credits/{grant_id}", "voidGrant", "Voids what is left of a grant", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(CreditsResponse), "The credits view.")],
            Problems = [Status400BadRequest, Status404NotFound],
        },
        new("POST", "/api/accounts/{subject}/dashboard-link", "createDashboardLink", "A signed link to the subject's page (GET /accounts/{subject}, HTML for owners; not part of this document)", ApiKeyScheme.Admin)
        {
            Body = typeof(DashboardLinkRequest),
            Answers = [new(Status200OK, typeof(DashboardLinkResponse), "The link and when it expires.")],
            Problems = [Status400BadRequest, Status404NotFound, Status409Conflict, Status413PayloadTooLarge],
        },
        new("GET", "/api/prices", "listPrices", "The price book", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(PriceListResponse), "Every price.")],
        },
        new("PUT", "/api/prices/{model}", "putPrice", "Sets a model's prices, USD per million tokens", ApiKeyScheme.Admin)
        {
            Body = typeof(PriceRequest),
            Answers = [new(Status200OK, typeof(PriceView), "The price.")],
            Problems = [Status400BadRequest, Status413PayloadTooLarge],
        },
        new("GET", "/api/prices/{model}", "getPrice", "A model's prices", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(PriceView), "The price.")],
            Problems = [Status404NotFound],
        },
        new("POST", "/api/timers/{name}/run", "runTimer", "Runs a timer once, now, and answers its summary", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(JsonElement), "The timer's summary (its fields depend on the timer; see the README).")],
            Problems = [Status404NotFound],
        },
        new("POST", "/api/lago/webhooks", "lagoWebhook", "Lago's webhooks (wallet and subscription events), verified by their signature", ApiKeyScheme.LagoSignature)
        {
            Body = typeof(JsonElement),
            Parameters = [ApiParameter.Header<string>("X-Lago-Signature-Algorithm", "hmac or jwt."), ApiParameter.Header<string>("X-Lago-Unique-Key", "The webhook's unique key.")],
            Answers = [new(Status200OK, typeof(LagoWebhookAnswer), "Handled (or ignored: an event this service does not use).")],
            Problems = [Status400BadRequest, Status413PayloadTooLarge, Status503ServiceUnavailable],
        },
        new("GET", "/api/lago/parked", "listParkedLagoEvents", "Usage events Lago refused, with its reason", ApiKeyScheme.Admin)
        {
            Parameters = [ApiParameter.Query<int>("limit", "1 to 1000 (default 100)."), ApiParameter.Query<string>("after", "The previous page's next.")],
            Answers = [new(Status200OK, typeof(LagoParkedResponse), "A page; next is null on the last one.")],
            Problems = [Status400BadRequest],
        },
        new("POST", "/api/usage/manual", "postManualUsage", "Usage that did not come through LiteLLM, applied at once and once by its id", ApiKeyScheme.Admin)
        {
            Body = typeof(ManualUsageRequest),
            Answers = [new(Status200OK, typeof(ManualUsageResponse), "Applied, or (applied false) that id with this body was applied before.")],
            Problems = [Status400BadRequest, Status409Conflict, Status413PayloadTooLarge],
        },
        new("GET", "/api/quarantine", "listQuarantine", "Rejected webhook elements and poison messages, oldest first", ApiKeyScheme.Admin)
        {
            Parameters =
            [
                ApiParameter.Query<string>("from", "An instant with an offset, or a date (UTC midnight). Default: 7 days ago."),
                ApiParameter.Query<int>("limit", "Items per page, 1 to 1000 (default 100)."),
                ApiParameter.Query<string>("continuation", "The previous page's continuation."),
            ],
            Answers = [new(Status200OK, typeof(QuarantineListResponse), "A page; continuation is null on the last one.")],
            Problems = [Status400BadRequest],
        },
        new("GET", "/api/quarantine/{id}", "getQuarantinedItem", "One quarantined item with its raw text (never prompts or completions)", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(QuarantineItemView), "The item, with raw.")],
            Problems = [Status404NotFound],
        },
        new("POST", "/api/quarantine/{id}/replay", "replayQuarantinedItem", "Runs a quarantined item through today's code and applies it exactly once", ApiKeyScheme.Admin)
        {
            Answers = [new(Status200OK, typeof(QuarantineReplayResponse), "Replayed: events applied now, and those applied before (duplicates).")],
            Problems = [Status404NotFound, Status409Conflict, Status422UnprocessableEntity],
        },
        new("POST", "/api/reconcile", "reconcile", "Checks the ledger's invariants for one subject or a page of all; changes nothing", ApiKeyScheme.Admin)
        {
            Body = typeof(ReconcileRequest),
            Answers = [new(Status200OK, typeof(ReconcileResponse), "The subjects checked, every difference found, and the subjects not compared (unsettled: written to on every read; too_large: past Reconcile__MaxRowsPerSubject); continuation is null on the last page.")],
            Problems = [Status400BadRequest, Status404NotFound, Status413PayloadTooLarge],
        },
    ];

    /// <summary>
    /// Every operation: health (not rate limited) and the rest, each with 429 among its problems (README, Rate limits)
    /// and 503 (storage unavailable: the exception handler's answer to an outage, <see cref="Storage.StorageFailures"/>).
    /// </summary>
    public static readonly IReadOnlyList<ApiOperation> All =
        [.. Health(), .. RateLimited.Select(o => o with { Problems = [.. o.Problems.Append(Status429TooManyRequests).Append(Status503ServiceUnavailable).Distinct()] })];

    /// <summary>Liveness and readiness.</summary>
    private static IEnumerable<ApiOperation> Health()
    {
        yield return new("GET", "/health/live", "live", "Liveness: the process serves requests", ApiKeyScheme.Any)
        {
            Answers = [new(Status200OK, typeof(HealthResponse), "Healthy.")],
        };
        yield return new("GET", "/health/ready", "ready", "Readiness: storage answers and every setting validates", ApiKeyScheme.Any)
        {
            Answers =
            [
                new(Status200OK, typeof(HealthResponse), "Ready, with each check."),
                new(Status503ServiceUnavailable, typeof(HealthResponse), "Not ready, with each check's status and description."),
            ],
        };
    }
}
