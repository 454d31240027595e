using PuppeteerSharp;

namespace Billing.Tests.Dashboard;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package; <c>.ci/run</c> installs it), driven over CDP by
/// PuppeteerSharp: no chromedriver and never a browser download. No browser is a failure that says how to install
/// one, not a skip. <c>BILLING_CHROMIUM</c> names another executable.
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string Executable()
    {
        var configured = Environment.GetEnvironmentVariable("BILLING_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"BILLING_CHROMIUM={configured} does not exist.");
        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No Chromium found (looked for " + string.Join(", ", Candidates) +
                "). Install it: sudo apt-get install -y chromium chromium-driver (.ci/run does), or set BILLING_CHROMIUM.");
    }

    public static Task<IBrowser> LaunchAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = Executable(),
        Headless = true,
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions"],
    });
}
