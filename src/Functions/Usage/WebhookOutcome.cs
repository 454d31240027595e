using Microsoft.AspNetCore.Mvc;

namespace Billing.Functions.Usage;

/// <summary>
/// What the webhook answers: 202 with <see cref="Body"/> and the queue <see cref="Messages"/> to send, or a
/// problem. Host adapters send the messages (Storage Queue) or return them as a binding output (Service Bus).
/// </summary>
public sealed record WebhookOutcome(int StatusCode, UsageAcceptedResponse? Body, ProblemDetails? Problem, IReadOnlyList<string> Messages)
{
    public static WebhookOutcome Accepted(UsageAcceptedResponse body, IReadOnlyList<string> messages) =>
        new(StatusCodes.Status202Accepted, body, null, messages);

    public static WebhookOutcome Failed(ProblemDetails problem) => new(problem.Status ?? 400, null, problem, []);
}
