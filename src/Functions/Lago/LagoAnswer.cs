using System.Globalization;

namespace Billing.Functions.Lago;

/// <summary>
/// One answer from Lago, classified once for every call: <see cref="Failure"/> is null for a 2xx, and otherwise says
/// whether it was throttled (429), unavailable (5xx, 408, no answer) or refused (any other status). Calls look at the
/// statuses they expect first (a 422 from the batch, a 404 naming the resource) and take <see cref="Failure"/> for the rest.
/// </summary>
internal readonly record struct LagoAnswer(int Status, byte[] Body, LagoFailure? Failure)
{
    public static LagoAnswer Of(HttpResponseMessage response, byte[] body, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        return new(status, body, Classify(response, status, body, now));
    }

    /// <summary>No answer at all: a timeout or a connection failure.</summary>
    public static LagoAnswer Unreachable(string reason) => new(0, [], new LagoFailure.Unavailable(reason));

    /// <summary>A 404 whose body is Lago's, with this <c>code</c> (<c>customer_not_found</c>, <c>wallet_not_found</c>); a bare 404 is a wrong URL.</summary>
    public bool IsNotFound(string code) =>
        Status == StatusCodes.Status404NotFound && LagoErrorBody.Read(Body).Code == code;

    /// <summary>A success whose body is not what the spec describes: someone has to look, so it is refused.</summary>
    public LagoFailure.Refused Unexpected(string what) =>
        new(Status, LagoErrorBody.Cut($"unexpected answer: {what}"));

    private static LagoFailure? Classify(HttpResponseMessage response, int status, byte[] body, DateTimeOffset now)
    {
        if (status is >= 200 and < 300) return null;
        if (status == StatusCodes.Status429TooManyRequests)
            return new LagoFailure.Throttled(LagoThrottle.RetryAfter(response.Headers, now));
        var error = LagoErrorBody.Read(body);
        var text = error.Error ?? response.ReasonPhrase ?? "no reason given";
        if (status is StatusCodes.Status408RequestTimeout or >= 500)
            return new LagoFailure.Unavailable(string.Create(CultureInfo.InvariantCulture, $"Lago answered {status}: {text}"));
        return new LagoFailure.Refused(status, text, error.Code);
    }
}
