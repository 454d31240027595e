using Billing.Functions.Auth;
using Billing.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Reservations;

public static class ReservationEndpoints
{
    public static IServiceCollection AddReservations(this IServiceCollection services)
    {
        services.AddOptions<ReservationOptions>().BindConfiguration(ReservationOptions.SectionName)
            .Validate(o => o.Ttl >= TimeSpan.FromSeconds(10) && o.Ttl <= TimeSpan.FromDays(1), "Check:Reservations:Ttl must be between 10 seconds and 1 day.")
            .Validate(o => o.MaxHoldsPerSubject is > 0 and <= 2_500, "Check:Reservations:MaxHoldsPerSubject must be 1 to 2,500 (the holds live in the subject's state row).")
            .ValidateOnStart();
        services.AddSingleton<ReservationService>();
        return services;
    }

    /// <summary><c>DELETE /api/reservations/{id}</c> (check key): the app's call failed before reaching LiteLLM; release the hold.</summary>
    public static IEndpointRouteBuilder MapReservations(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/reservations/{id}", ReleaseAsync).RequireKey(KeyScope.Check);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(string id, ReservationService reservations, CancellationToken cancellationToken)
    {
        if (!Domain.Reservations.Hold.IsValidId(id)) return TypedResults.Problem(BillingProblems.Field("id", "is not a reservation id"));
        return await reservations.ReleaseAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(BillingProblems.Field("id", $"no reservation '{(id.Length > 80 ? id[..80] + "…" : id)}' is held (released, settled by its usage, or never made)", StatusCodes.Status404NotFound));
    }
}
