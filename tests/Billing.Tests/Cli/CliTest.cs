using System.Globalization;
using System.Net;
using Billing.Cli;
using Billing.Tests.Infrastructure;

namespace Billing.Tests.Cli;

/// <summary>
/// Runs <c>billing</c> in-process against the real app (its HTTP pipeline on Azurite, the app's FakeTimeProvider as
/// the CLI's clock too), with BILLING_URL and BILLING_ADMIN_KEY set as an operator would.
/// </summary>
public abstract class CliTest(AzuriteFixture azurite, Dictionary<string, string?>? settings = null) : AppTest(azurite, settings)
{
    protected static readonly IReadOnlyDictionary<string, string?> Operator = new Dictionary<string, string?>
    {
        ["BILLING_URL"] = "http://localhost",
        ["BILLING_ADMIN_KEY"] = TestKeys.Admin,
    };

    private HttpClient? _admin;

    /// <summary>The API itself, with the admin key: the answers the CLI's output is compared with.</summary>
    protected HttpClient Admin => _admin ??= App.ClientWithKey(TestKeys.Admin);

    protected Task<CliResult> CliAsync(params string[] args) => CliWithAsync(Operator, App.Server.CreateHandler(), args);

    protected async Task<CliResult> CliWithAsync(IReadOnlyDictionary<string, string?> environment, HttpMessageHandler? handler, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await BillingCli.RunAsync(args, stdout, stderr, handler, environment, App.Time);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// de-DE's number and date conventions ('.' groups thousands, ',' is the decimal point, dates as dd.MM.yyyy) built
    /// on the invariant culture: the test process runs with InvariantGlobalization, as the CLI does, so de-DE itself
    /// cannot be loaded here, but a culture's formats can still be set by hand.
    /// </summary>
    protected static CultureInfo GermanConventions()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = culture.NumberFormat.CurrencyDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = culture.NumberFormat.CurrencyGroupSeparator = ".";
        culture.DateTimeFormat.DateSeparator = ".";
        culture.DateTimeFormat.ShortDatePattern = "dd.MM.yyyy";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        return culture;
    }

    /// <summary>Runs <c>billing</c> with the current culture and UI culture set to <paramref name="culture"/>, restoring both after.</summary>
    protected Task<CliResult> CliInCultureAsync(CultureInfo culture, params string[] args) => CliInCultureAsync(culture, App.Server.CreateHandler(), args);

    protected async Task<CliResult> CliInCultureAsync(CultureInfo culture, HttpMessageHandler handler, params string[] args)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return await CliWithAsync(Operator, handler, args);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    /// <summary>The API's answer to <c>GET <paramref name="path"/></c> as text, asserting 200.</summary>
    protected async Task<string> ApiGetAsync(string path)
    {
        var response = await Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    protected static void AssertExit(int expected, CliResult result) => Assert.True(result.ExitCode == expected, $"expected exit {expected}, got {result}");
}
