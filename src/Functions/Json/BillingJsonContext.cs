using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Functions.Accounts;
using Billing.Functions.Alerts;
using Billing.Functions.Budgets;
using Billing.Functions.Entitlements;
using Billing.Functions.Health;
using Billing.Functions.Hosting;
using Billing.Functions.Prices;
using Billing.Functions.Reports;
using Billing.Functions.Usage;
using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Json;

/// <summary>Source-generated JSON for every type the app reads or writes: no reflection, NativeAOT-ready. snake_case on the wire.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.Strict,
    // A key given twice is refused, not resolved: parsers disagree on which one wins (first, last), so a body
    // that says two things to two readers is hostile. LiteLLM, Lago and our own writers never repeat a key.
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(UsageMessage))]
[JsonSerializable(typeof(UsageMessageEvent))]
[JsonSerializable(typeof(UsageAcceptedResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(List<RejectedElement>))]
[JsonSerializable(typeof(CheckRequest))]
[JsonSerializable(typeof(CheckResponse))]
[JsonSerializable(typeof(AccountRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(Billing.Functions.Dashboard.DashboardLinkRequest))]
[JsonSerializable(typeof(Billing.Functions.Dashboard.DashboardLinkResponse))]
[JsonSerializable(typeof(PriceRequest))]
[JsonSerializable(typeof(PriceView))]
[JsonSerializable(typeof(PriceListResponse))]
[JsonSerializable(typeof(UsageReportResponse))]
[JsonSerializable(typeof(RecentEventsResponse))]
[JsonSerializable(typeof(AccountListResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(InvocationResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Billing.Functions.Credits.CreditGrantRequest))]
[JsonSerializable(typeof(Billing.Functions.Credits.CreditsResponse))]
[JsonSerializable(typeof(Billing.Functions.Credits.CreditEntriesResponse))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(ThresholdAmount))]
[JsonSerializable(typeof(RolloverSummary))]
[JsonSerializable(typeof(AlertsSummary))]
[JsonSerializable(typeof(Billing.Functions.Lago.LagoPushSummary))]
[JsonSerializable(typeof(Billing.Functions.Lago.LagoPullSummary))]
[JsonSerializable(typeof(Billing.Functions.Lago.LagoParkedResponse))]
[JsonSerializable(typeof(Billing.Functions.Lago.LagoWebhookAnswer))]
[JsonSerializable(typeof(Billing.Functions.Quarantine.QuarantineListResponse))]
[JsonSerializable(typeof(Billing.Functions.Quarantine.QuarantineItemView))]
[JsonSerializable(typeof(Billing.Functions.Quarantine.QuarantineReplayResponse))]
[JsonSerializable(typeof(Billing.Functions.Usage.Manual.ManualUsageRequest))]
[JsonSerializable(typeof(Billing.Functions.Usage.Manual.ManualUsageResponse))]
[JsonSerializable(typeof(Billing.Functions.Reconcile.ReconcileRequest))]
[JsonSerializable(typeof(Billing.Functions.Reconcile.ReconcileResponse))]
internal sealed partial class BillingJsonContext : JsonSerializerContext;
