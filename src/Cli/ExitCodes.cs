namespace Billing.Cli;

/// <summary>What <c>billing</c> exits with; scripts rely on these, the README and <c>--help</c> list them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// The API answered a problem (400, 404, 409, 412, 422, 5xx): its title, detail and fields go to stderr. Also an
    /// answer that is not the API's (a redirect, a 2xx that is not JSON or not of the expected shape, a body that broke off), and no answer within
    /// <c>--timeout</c>.
    /// </summary>
    public const int Problem = 1;

    /// <summary>Bad arguments: the message names the option.</summary>
    public const int Usage = 2;

    /// <summary>The service cannot be reached (connection refused, DNS) or refused the key (401/403). A timeout is exit 1: the service may still be working.</summary>
    public const int Unreachable = 3;

    /// <summary><c>reconcile</c> found differences.</summary>
    public const int Differences = 4;

    /// <summary><c>reconcile</c> found no difference but could not prove some subjects (written to on every read, or too large).</summary>
    public const int NotProven = 5;

    public const string Help = """
        Exit codes: 0 success; 1 the API answered a problem (title, detail and fields on stderr; with --json the problem
        JSON on stdout too), no answer within --timeout, or something that is not the API's answer (a redirect, a sign-in
        page); 2 bad arguments; 3 the service cannot be reached, or refused the key (401/403);
        4 reconcile found differences; 5 reconcile found none but could not prove some subjects (unsettled, too large).
        """;
}
