using Billing.Functions.Accounts;
using Billing.Functions.Alerts;
using Billing.Functions.Auth;
using Billing.Functions.Credits;
using Billing.Functions.Dashboard;
using Billing.Functions.Entitlements;
using Billing.Functions.Guardrail;
using Billing.Functions.Health;
using Billing.Functions.Hosting;
using Billing.Functions.Json;
using Billing.Functions.Lago;
using Billing.Functions.OpenApi;
using Billing.Functions.Problems;
using Billing.Functions.Prices;
using Billing.Functions.Quarantine;
using Billing.Functions.RateLimiting;
using Billing.Functions.Reconcile;
using Billing.Functions.Reservations;
using Billing.Functions.Storage;
using Billing.Functions.Telemetry;
using Billing.Functions.Timers;
using Billing.Functions.Usage;
using Billing.Functions.Usage.Manual;

var builder = WebApplication.CreateSlimBuilder(args);
var mode = builder.AddBillingHosting();
builder.AddBillingTelemetry();

builder.Services.AddBillingJson();
builder.Services.AddBillingProblems();
builder.Services.AddHealth();
builder.Services.AddBillingAuth();
builder.Services.AddBillingRateLimiting();
builder.Services.AddBillingStorage();
builder.Services.AddUsage(standalone: mode == HostingMode.Standalone);
builder.Services.AddManualUsage();
builder.Services.AddQuarantine();
builder.Services.AddEntitlements();
builder.Services.AddReservations();
builder.Services.AddGuardrail();
builder.Services.AddAccounts();
builder.Services.AddCredits();
builder.Services.AddDashboard();
builder.Services.AddPrices();
builder.Services.AddAlertEmail();
builder.Services.AddLago();
builder.Services.AddReconcile();
builder.Services.AddTimers(standalone: mode == HostingMode.Standalone);
builder.Services.AddBillingOpenApi();

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = ProblemsExtensions.StatusOf,
});
app.UseRouting();
app.UseBillingRateLimiting();
app.UseKeyChecks();
app.UseJsonBodies();

// The Functions host polls GET / for readiness and health; keep it cheap (and never rate limited).
app.MapGet("/", () => Results.Json(new InvocationResult(), BillingJsonContext.Default.InvocationResult)).DisableRateLimiting();
if (mode == HostingMode.CustomHandler) app.MapCustomHandler();
else app.MapUsage();
app.MapManualUsage();
app.MapQuarantine();
app.MapCheck();
app.MapReservations();
app.MapGuardrail();
app.MapAccounts();
app.MapDashboard();
app.MapPrices();
app.MapTimers();
app.MapLago();
app.MapHealth();
app.MapReconcile();
app.MapBillingOpenApi();

app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
